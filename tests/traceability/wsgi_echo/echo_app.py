"""A WSGI app answering the path as the server passed it: RAW_URI and PATH_INFO, as JSON."""

import json


def application(environ, start_response):
    body = json.dumps({"RAW_URI": environ.get("RAW_URI"), "PATH_INFO": environ.get("PATH_INFO")}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
