#!/bin/sh
# Generate configure and Makefile.in.  Generated files are never committed.
set -e
cd "$(dirname "$0")"
autoreconf -fi
