"""`python -m moto_ext -H 127.0.0.1 -p PORT`: moto's server with the ElastiCache extension."""

import sys

from . import install

install()

from moto.server import main  # noqa: E402  (after install, so the server sees the patched classes)

main(sys.argv[1:])
