"""From a submitted issue form to a commit on a branch of its own (``kennisbank formulier``).

The workflow .github/workflows/formulier.yml runs this in a job that may only read
the repository. It decides, from the GitHub event, what happens to the issue:

- a form with mistakes: one comment listing each mistake, no pull request;
- a correct form from someone outside the editors (not OWNER, MEMBER or COLLABORATOR):
  "een redacteur bekijkt uw voorstel" and the label ``wacht-op-redactie``, until an
  editor sets ``voorstel-goedgekeurd`` (an edit by the contributor withdraws that);
- otherwise the page, written by the same code as ``kennisbank nieuw``, and the forms
  made again (a new theme is an option in the next form), committed on
  ``formulier/issue-<n>`` made afresh from the checked-out commit, so that editing
  the issue starts over. The commit leaves as a git bundle for the job that may push.

What the later jobs need is written into the output folder; the outcome, the branch
and the labels (words of ours, never the contributor's) go to stdout as
``name=value`` lines for ``$GITHUB_OUTPUT``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from .content import read_objects
from .forms import FOLDER, FORM_TYPES, LABEL_PREFIX, build_form, write_forms
from .replies import (
    APPROVED_LABEL,
    WAITING_LABEL,
    commit_message,
    failure_comment,
    mistakes_comment,
    pull_request_body,
    pull_request_title,
    success_comment,
    waiting_comment,
)
from .scaffold import scaffold
from .submission import Mistake, Proposal, check_submission

TRUSTED = ("OWNER", "MEMBER", "COLLABORATOR")
BUNDLE = "formulier.bundle"
#: Who the workflow's commits are by: GitHub's own account for Actions.
COMMITTER = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class Outcome(Enum):
    PULL_REQUEST = "pull-request"
    MISTAKES = "fouten"
    WAITING = "wacht-op-redactie"
    NOT_A_FORM = "geen-formulier"


@dataclass(frozen=True)
class Issue:
    number: int
    body: str
    labels: tuple[str, ...]
    association: str  # the author's relation to the repository, as GitHub gives it
    author: str
    action: str = "opened"
    sender: str = ""  # who caused the event

    @property
    def kind(self) -> str | None:
        """The type the form is for, from its label."""
        kinds = [label.removeprefix(LABEL_PREFIX) for label in self.labels if label.startswith(LABEL_PREFIX)]
        return next((kind for kind in kinds if kind in FORM_TYPES), None)

    @property
    def approval_withdrawn(self) -> bool:
        """An approved proposal that its author (not an editor) changed afterwards."""
        editor = self.association in TRUSTED
        return APPROVED_LABEL in self.labels and self.action == "edited" and self.sender == self.author and not editor

    @property
    def may_propose(self) -> bool:
        return self.association in TRUSTED or (APPROVED_LABEL in self.labels and not self.approval_withdrawn)


def issue_from_event(event: Mapping[str, Any]) -> Issue:
    """The issue of a GitHub ``issues`` event (the JSON in ``$GITHUB_EVENT_PATH``)."""
    issue = event["issue"]
    return Issue(
        number=int(issue["number"]),
        body=issue.get("body") or "",
        labels=tuple(label["name"] for label in issue.get("labels", ())),
        association=issue.get("author_association", "NONE"),
        author=issue.get("user", {}).get("login", ""),
        action=event.get("action", "opened"),
        sender=event.get("sender", {}).get("login", ""),
    )


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    comment: str = ""
    add_label: str = ""
    remove_label: str = ""
    proposal: Proposal | None = None
    mistakes: tuple[Mistake, ...] = field(default=())


def decide(issue: Issue, docs: Path) -> Decision:
    """What to do with the issue; reads docs/, writes nothing."""
    kind = issue.kind
    if kind is None:
        return Decision(Outcome.NOT_A_FORM)
    objects = read_objects(docs)
    checked = check_submission(issue.body, build_form(kind, objects, docs), objects, docs)
    if isinstance(checked, list):
        return Decision(Outcome.MISTAKES, mistakes_comment(checked), mistakes=tuple(checked))
    withdrawn = issue.approval_withdrawn
    if not issue.may_propose:
        return Decision(
            Outcome.WAITING,
            waiting_comment(withdrawn),
            add_label=WAITING_LABEL if WAITING_LABEL not in issue.labels else "",
            remove_label=APPROVED_LABEL if withdrawn else "",
            proposal=checked,
        )
    page = _shown(checked.path, docs)
    return Decision(
        Outcome.PULL_REQUEST,
        success_comment(checked, page),
        remove_label=WAITING_LABEL if WAITING_LABEL in issue.labels else "",
        proposal=checked,
    )


def branch_name(issue: Issue) -> str:
    return f"formulier/issue-{issue.number}"


def carry_out(issue: Issue, decision: Decision, docs: Path, output: Path, commit: bool) -> dict[str, str]:
    """Write the page (and, with ``commit``, the branch and its bundle) and the texts; return the outputs."""
    output.mkdir(parents=True, exist_ok=True)
    outputs = {
        "uitkomst": decision.outcome.value,
        "label-erbij": decision.add_label,
        "label-eraf": decision.remove_label,
    }
    if decision.comment:
        (output / "reactie.md").write_text(decision.comment, encoding="utf-8")
    proposal = decision.proposal
    if decision.outcome is not Outcome.PULL_REQUEST or proposal is None:
        return outputs
    repository = docs.resolve().parent
    base = _git(repository, "rev-parse", "HEAD").strip() if commit else ""
    if commit:
        _git(repository, "switch", "--quiet", "--force-create", branch_name(issue))
    scaffold(docs, proposal.kind, proposal.id, proposal.title, proposal.fields, proposal.text)
    write_forms(docs, repository / FOLDER)
    page = _shown(proposal.path, docs)
    (output / "pr-titel.txt").write_text(pull_request_title(proposal), encoding="utf-8")
    (output / "pr.md").write_text(pull_request_body(proposal, page, issue.number, issue.author), encoding="utf-8")
    (output / "reactie-storing.md").write_text(failure_comment(), encoding="utf-8")
    if commit:
        name, email = COMMITTER
        _git(repository, "add", "--all", "--", str(docs.resolve()), str(repository / FOLDER))
        identity = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
        _git(repository, *identity, "commit", "--quiet", "--file", "-", stdin=commit_message(proposal, issue.number))
        bundle = str((output / BUNDLE).resolve())
        _git(repository, "bundle", "create", "--quiet", bundle, branch_name(issue), f"^{base}")
        outputs["tak"] = branch_name(issue)
    return outputs


def _git(repository: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=repository, input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def _shown(path: Path, docs: Path) -> str:
    return path.resolve().relative_to(docs.resolve().parent).as_posix()


def read_event(path: Path) -> Issue:
    return issue_from_event(json.loads(path.read_text(encoding="utf-8")))
