"""Hostile and broken input for every importer: generated files, mutated byte by byte or
field by field, imported through the real command line into a project that holds work."""
