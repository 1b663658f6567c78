"""AVG data minimisation for people. Pure.

A person entry publishes a name and public roles; contact runs through the
organisation's role mailbox. Personal contact details need a recorded basis.
"""

from __future__ import annotations

from collections.abc import Mapping

from .objects import FieldProblem

PERSONAL_CONTACT_FIELDS = ("e-mail", "telefoon")
BASIS_FIELD = "grondslag"


def person_problems(fields: Mapping[str, object]) -> list[FieldProblem]:
    """Personal details without a basis are not published."""
    if BASIS_FIELD in fields:
        return []
    return [
        FieldProblem(
            f"persoonlijk contactgegeven '{name}' wordt niet gepubliceerd zonder vastgelegde "
            f"grondslag (AVG). Verwijs naar de functiemailbox van de organisatie, of vul "
            f"'{BASIS_FIELD}' in",
            name,
            drop=True,
        )
        for name in PERSONAL_CONTACT_FIELDS
        if name in fields
    ]
