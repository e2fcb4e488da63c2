"""data/areas.yaml as text: the tree one place a line, local authorities as one-line mappings.

Written by `make areas` (waymark.tools.areas_source) and rewritten by `make new-region`, in the same
shape, so a regional copy's change to it is a small diff.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml


def _scalar(value: str) -> str:
    """A YAML scalar: plain when safe in a flow mapping, else double-quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .'()-]*", value)
    if plain and value.lower() not in {"yes", "no", "on", "off", "null", "true", "false"}:
        return value
    return json.dumps(value, ensure_ascii=False)


def areas_text(data: dict[str, Any], header: list[str]) -> str:
    """The areas file: `header` comment lines, then the tree. Raises ValueError if the text would
    not read back as `data`."""
    lines = [
        *header,
        "national:",
        f"  id: {data['national']['id']}",
        f"  name: {_scalar(data['national']['name'])}",
        "nations:",
    ]

    def block(entry: dict[str, Any], indent: str) -> None:
        lines.append(f"{indent}- id: {entry['id']}")
        for key in ("name", "jurisdiction", "gss"):
            if key in entry:
                lines.append(f"{indent}  {key}: {_scalar(entry[key])}")
        for key in ("regions", "counties"):
            if key in entry:
                lines.append(f"{indent}  {key}:{' []' if not entry[key] else ''}")
                for child in entry[key]:
                    block(child, indent + "    ")
        if "local_authorities" in entry:
            items = entry["local_authorities"]
            lines.append(f"{indent}  local_authorities:{' []' if not items else ''}")
            for la in items:
                gss = f", gss: {la['gss']}" if "gss" in la else ""
                lines.append(f"{indent}    - {{id: {la['id']}, name: {_scalar(la['name'])}{gss}}}")

    for nation in data["nations"]:
        block(nation, "  ")
    text = "\n".join(lines) + "\n"
    if yaml.safe_load(text) != data:
        raise ValueError("the rendered YAML does not read back as the tree")
    return text
