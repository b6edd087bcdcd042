"""What several test modules share and that is not a fixture: people, parsed pages, search drivers.

Fixtures stay in the conftest files; they build on these.
"""
