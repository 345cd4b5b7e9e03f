"""CRM exports in: CSV shapes read as they come, mapped by the team file, planned against the week's 1:1s.

Pure apart from reading the bytes the CLI hands in: no pydantic (only `teamfile/` imports it), no disk
writes (the store writes), no UI.
"""
