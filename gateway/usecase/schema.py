"""The use-case taxonomy's file shape (`policies/usecases.yaml`), validated strictly like the policy."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Category ids are what the audit record keeps; short ASCII names survive renaming a label.
CategoryId = str
ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
BACKGROUND = "background"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CategorySpec(_Strict):
    """One kind of work staff ask a model for, with what a request of it is estimated to save."""

    id: CategoryId = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = ""
    minutes_saved: float = Field(ge=0, le=480)
    basis: str = Field(min_length=1)  # why that many minutes: printed beside every figure
    example: str = ""  # an example prompt for the staff guide
    keywords: list[str] = []  # words that name the task (ordinary weight)
    strong: list[str] = []  # words that name it beyond doubt (counted three times)
    patterns: list[str] = []  # regular expressions over the normalised text (counted twice)
    # Regular expressions for a form rather than a task (a question's ending): counted once, and
    # without the closing verb's bonus, like keywords.
    weak_patterns: list[str] = []
    # A task done to given text (a summary): without pasted material or a word pointing at some
    # (`material_cues`: この・以下の・添付 …) the request is more likely a question, so it counts a third.
    needs_material: bool = False
    # 「この通知文に」「下の案内文を」: a word of this category right after この・下の… names the text
    # being worked on, so it counts as material (1 point). Off for tools (「このVBA、遅い」 is still code).
    pointed_is_material: bool = True


class TemplateSpec(_Strict):
    """A chat UI's own background request (title, tags, follow-up questions), known by fixed phrases."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_.-]{0,59}$")
    label: str = Field(min_length=1)
    # Each inner list is one way to recognise it: every phrase of that list must appear.
    all_of: list[list[str]] = Field(min_length=1)


class SignalSpec(_Strict):
    """One trait that chat UIs' task templates share across versions (a scaffold, a JSON output key …)."""

    pattern: str = Field(min_length=1)  # a regular expression over the normalised text
    # Negative for a trait of a template that wraps what staff typed (Open WebUI's RAG template):
    # such a request is staff work, not background.
    weight: int = Field(ge=-10, le=10)
    why: str = ""  # what the trait is, for whoever edits the file
    # `system`: counted only in a system message. For a trait staff text may carry in pasted material
    # (a Chinese notice's 你需要…), which only a UI's instruction carries in the system message.
    # `request`: counted only in the first line of a user message (what staff ask, before what they
    # paste), and never in a line a UI starts with a role label (`user:`): for the cues that make a
    # request staff's own (「報告書に貼る」「訳して」 "I can use"). A negative sum there also outweighs a
    # listed template's phrases, since the template is then material pasted to be worked on.
    only_in: Literal["any", "system", "request"] = "any"


class Background(_Strict):
    label: str = "バックグラウンド処理（チャット画面のタイトル生成など）"
    templates: list[TemplateSpec] = []
    # Templates of versions not listed above: the weights of the traits found add up; at `threshold`
    # the request is background. Each trait counts once.
    signals: list[SignalSpec] = []
    threshold: int = Field(default=5, ge=1, le=100)
    # Several UIs send the task as the system message and the chat (or the staff request itself) as
    # the user's. An administrator's own system prompt shares some traits (「日本語で」「回答のみ」), so the
    # system message needs this higher sum; its listed `templates` phrases count as they do anywhere.
    system_threshold: int = Field(default=8, ge=1, le=100)


class TaxonomyDoc(_Strict):
    """The whole taxonomy file."""

    version: Literal[1]
    name: str = ""
    description: str = ""
    assumptions: str = ""  # the reasoning behind the minutes, printed with the figures
    fallback: CategoryId  # the category of a request no category claims
    follow_up_minutes: float = Field(default=10, gt=0, le=1440)  # "succeeded soon after a block" window
    # Regular expressions: a request that points at material it is given (「この通知」「以下の」「添付の」).
    material_cues: list[str] = []
    categories: list[CategorySpec] = Field(min_length=1)
    background: Background = Background()
