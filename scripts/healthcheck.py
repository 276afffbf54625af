"""The web container's health check (docker-compose.yml): GET /healthz the way the TLS proxy
would, with a Host header that DJANGO_ALLOWED_HOSTS accepts; Django answers 400 to any other."""

import os
import sys
import urllib.error
import urllib.request


def host(allowed_hosts):
    """The first allowed host, as a client would send it (".example.org" allows example.org)."""
    first = next((name.strip() for name in allowed_hosts.split(",") if name.strip()), "localhost")
    return "localhost" if first == "*" else first.lstrip(".")


def main():
    request = urllib.request.Request(
        "http://127.0.0.1:8000/healthz", headers={"Host": host(os.environ.get("DJANGO_ALLOWED_HOSTS", ""))}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
