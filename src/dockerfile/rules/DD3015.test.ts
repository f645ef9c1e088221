import { ruleTester } from '../rule-tester.js';
import { DD3015 } from './DD3015.js';

ruleTester(DD3015, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 "requests[socks]==2.32.3"',
    { name: 'requirements file', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt' },
    { name: 'constraints file', code: 'FROM python:3.12-slim\nRUN pip install -c constraints.txt flask' },
    {
      name: 'local project and wheel',
      code: 'FROM python:3.12-slim\nRUN pip install . ./dist/app-1.0-py3-none-any.whl src/lib',
    },
    {
      name: 'VCS at a tag',
      code: 'FROM python:3.12-slim\nRUN pip install git+https://github.com/org/tool.git@v1.2.0#egg=tool',
    },
    { name: 'editable', code: 'FROM python:3.12-slim\nRUN python -m pip install -e .' },
    {
      name: 'valued option is not a package',
      code: 'FROM python:3.12-slim\nRUN pip install --root-user-action ignore -i https://pypi.example/simple flask==3.0.3',
    },
    { name: 'pipx pinned', code: 'FROM python:3.12-slim\nRUN pipx install --python python3.12 "poetry==1.8.5"' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
      errors: [{ line: 2, column: 32, message: 'pip install flask without a pinned version' }],
    },
    {
      name: 'a lower bound still floats',
      code: "FROM python:3.12-slim\nRUN set -eux; \\\n    sudo pip3 install 'flask>=3' gunicorn==22.0.0",
      errors: [{ line: 3, column: 23, message: 'flask>=3' }],
    },
    {
      name: 'VCS without a ref',
      code: 'FROM python:3.12-slim\nRUN pip install git+https://github.com/org/tool.git#egg=tool',
      errors: 1,
    },
    {
      name: 'python -m pip, ONBUILD',
      code: 'FROM python:3.12-slim\nONBUILD RUN python3 -m pip install --upgrade pip',
      errors: [{ message: 'python3 -m pip install pip' }],
    },
    { name: 'exec form', code: 'FROM python:3.12-slim\nRUN ["pip", "install", "flask"]', errors: 1 },
    {
      name: 'heredoc',
      code: 'FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF',
      errors: [{ line: 3, column: 13 }],
    },
    { name: 'pipx', code: 'FROM python:3.12-slim\nRUN pipx install black', errors: 1 },
    {
      name: 'flag=value then a package',
      code: 'FROM python:3.12-slim\nRUN pip install --root-user-action=ignore flask',
      errors: 1,
    },
  ],
});
