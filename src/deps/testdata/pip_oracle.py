"""pip's own reading of requirements files, as JSON (the oracle for requirements.test.ts).

Usage: python3 pip_oracle.py FILE...  ->  one JSON object per file, one per line.
"""
import json
import sys

from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements

for path in sys.argv[1:]:
    out = []
    error = None
    try:
        for pr in parse_requirements(path, session=PipSession()):
            ireq = install_req_from_parsed_requirement(pr)
            req = ireq.req
            hashes = (pr.options or {}).get("hashes", {}) if pr.options else {}
            out.append(
                {
                    "name": req.name if req else None,
                    "specifier": sorted(str(s) for s in req.specifier) if req else [],
                    "url": ireq.link.url if ireq.link else None,
                    "marker": str(ireq.markers) if ireq.markers else None,
                    "extras": sorted(ireq.extras),
                    "hashes": sorted(f"{k}:{v}" for k, vs in hashes.items() for v in vs),
                    "editable": pr.is_editable,
                    "constraint": pr.constraint,
                    "comes_from": pr.comes_from,
                }
            )
    except BaseException as e:  # noqa: BLE001 - the oracle reports whatever pip raised
        error = f"{type(e).__name__}: {str(e).splitlines()[-1] if str(e) else ''}"
    print(json.dumps({"path": path, "requirements": out, "error": error}))
