"""The value policy (`policy.toml`): the one place that holds tolerances and vague ranges.

Loaded once; callers read plain values from `POLICY`. Rule names are the table keys
(`hedge.about`, `vague.tens`, `season.summer`, `rounding`), and mentions cite them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

POLICY_PATH = Path(__file__).with_name("policy.toml")


def load_policy(path: Path = POLICY_PATH) -> dict[str, Any]:
    """Parse the policy file; kept a function so tests can load an edited copy."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


POLICY: dict[str, Any] = load_policy()
