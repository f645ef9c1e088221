import { ruleTester } from '../rule-tester.js';
import { DD1008 } from './DD1008.js';

ruleTester(DD1008, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.19 AS run\nCOPY --from=build /app /app',
    { name: 'plain COPY', code: 'FROM alpine:3.19 AS run\nCOPY app /app' },
    { name: 'earlier stage by index', code: 'FROM golang:1.22\nFROM alpine:3.19\nCOPY --from=0 /go/bin /bin' },
    { name: 'ONBUILD refers to the child build', code: 'FROM alpine:3.19 AS base\nONBUILD COPY --from=base /a /a' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nCOPY --from=build /src /src',
      errors: [{ line: 2, column: 6, message: 'COPY --from=build refers to its own stage "build"' }],
    },
    {
      name: 'name in another case',
      code: 'FROM alpine:3.19\nFROM golang:1.22 AS Builder\nCOPY --from=builder /a /b',
      errors: [{ line: 3, column: 6 }],
    },
    {
      name: 'by index, and in a RUN mount',
      code: 'FROM alpine:3.19\nFROM golang:1.22\nCOPY --from=1 /a /b\nRUN --mount=type=bind,from=1,target=/x ls /x',
      errors: [
        { line: 3, column: 6, message: 'own stage number 1' },
        { line: 4, column: 5, message: 'RUN --mount from=1' },
      ],
    },
  ],
});
