"""Crash safety and concurrent use, with real processes (see harness.py)."""
