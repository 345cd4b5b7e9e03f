"""Team files: untrusted JSON in, a checked `domain.team.Team` out, or one located problem per fault.

The only package that imports pydantic (`schema.py`); `load.py` reads and explains.
"""

from oneonone_tui.teamfile.load import (MAX_BYTES, MAX_DEPTH, MAX_NUMBER, Problem, TeamFileError, json_path,
                                        load_team, parse_team, summarize)

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NUMBER", "Problem", "TeamFileError", "json_path", "load_team",
           "parse_team", "summarize"]
