"""packaging's Requirement() on each string of a JSON list read from stdin (the oracle for pep508.test.ts)."""
import json
import sys

from packaging.requirements import InvalidRequirement, Requirement

results = []
for text in json.load(sys.stdin):
    try:
        r = Requirement(text)
        results.append(
            {
                "ok": True,
                "name": r.name,
                "extras": sorted(r.extras),
                "specifier": sorted(str(s) for s in r.specifier),
                "url": r.url,
                "marker": str(r.marker) if r.marker else None,
            }
        )
    except InvalidRequirement as e:
        results.append({"ok": False, "error": str(e).splitlines()[0]})
print(json.dumps(results))
