"""The rules of the 1:1, pure: records, team, progression, commitments, escalation, life-cycle.

Nothing here imports textual, pydantic, the store or the team-file loader, and nothing touches
the disk (tests/unit/test_import_hygiene.py proves it).
"""
