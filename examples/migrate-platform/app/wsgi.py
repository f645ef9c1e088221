"""WSGI entry point of the example service (enough to make the image meaningful)."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"migrate-platform ok\n"]
