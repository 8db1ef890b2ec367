# Unit tests of the core library (owner: core).  Each is a C program
# linked with the convenience library so it reaches internals.
