"""Translated labels for the domain enums and small formatting helpers shared by screens.

Source strings are English; the Chinese translations of the suggestion categories must equal
``model.CATEGORY_LABELS_ZH`` (a test checks it), so both sides of the system say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from congress_desktop.model import (
    Classification,
    CosignState,
    FeedbackRating,
    ItemState,
    MotionState,
    SuggestionCategory,
    SuggestionEventKind,
    SuggestionState,
)


def category_label(category: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        SuggestionCategory.FINANCE_ECONOMY: translate("Labels", "Finance and economy"),
        SuggestionCategory.AGRICULTURE: translate("Labels", "Agriculture and rural affairs"),
        SuggestionCategory.URBAN_ENVIRONMENT: translate(
            "Labels", "Urban development, environment and resources"
        ),
        SuggestionCategory.EDUCATION_HEALTH: translate(
            "Labels", "Education, science, culture and health"
        ),
        SuggestionCategory.INTERIOR_JUSTICE: translate("Labels", "Internal affairs and justice"),
        SuggestionCategory.SOCIAL: translate("Labels", "Social development"),
        SuggestionCategory.OTHER: translate("Labels", "Other"),
    }
    return _label(labels, category)


def suggestion_state_label(state: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        SuggestionState.DRAFT: translate("Labels", "Draft"),
        SuggestionState.COSIGNING: translate("Labels", "Awaiting co-signers"),
        SuggestionState.SUBMITTED: translate("Labels", "Submitted"),
        SuggestionState.REJECTED: translate("Labels", "Not accepted"),
        SuggestionState.WITHDRAWN: translate("Labels", "Withdrawn"),
        SuggestionState.ACCEPTED: translate("Labels", "Accepted"),
        SuggestionState.ASSIGNED: translate("Labels", "Assigned for handling"),
        SuggestionState.REPLIED: translate("Labels", "Replied"),
        SuggestionState.AWAITING_FEEDBACK: translate("Labels", "Awaiting your feedback"),
        SuggestionState.CLOSED: translate("Labels", "Closed"),
        SuggestionState.REHANDLING: translate("Labels", "Being handled again"),
        SuggestionState.TRACKING: translate("Labels", "Under follow-up"),
    }
    return _label(labels, state)


def item_state_label(state: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        ItemState.PENDING: translate("Labels", "Upcoming"),
        ItemState.CURRENT: translate("Labels", "In progress"),
        ItemState.DONE: translate("Labels", "Done"),
    }
    return _label(labels, state)


def motion_state_label(state: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        MotionState.SUBMITTED: translate("Labels", "Submitted"),
        MotionState.ON_AGENDA: translate("Labels", "On the agenda"),
        MotionState.CONVERTED: translate("Labels", "Handled as a suggestion"),
    }
    return _label(labels, state)


def classification_label(classification: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        Classification.PUBLIC: translate("Labels", "Public"),
        Classification.INTERNAL: translate("Labels", "Internal"),
        Classification.CONFIDENTIAL: translate("Labels", "Confidential"),
    }
    return _label(labels, classification)


def suggestion_number(number: int | None) -> str:
    """第0001号 in Chinese, No. 0001 in English; a placeholder until the server assigns it."""
    if number is None:
        return QCoreApplication.translate("Labels", "No number yet")
    return QCoreApplication.translate("Labels", "No. {number}").format(number=f"{number:04d}")


def local_time(value: dt.datetime | None) -> str:
    """A UTC time as the terminal's local ``HH:MM`` (the hall and the terminal share a zone)."""
    if value is None:
        return "—"
    return value.astimezone().strftime("%H:%M")


def local_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def cosign_state_label(state: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        CosignState.INVITED: translate("Labels", "Awaiting answer"),
        CosignState.CONFIRMED: translate("Labels", "Confirmed"),
        CosignState.DECLINED: translate("Labels", "Declined"),
        CosignState.EXPIRED: translate("Labels", "Closed before an answer"),
    }
    return _label(labels, state)


def rating_label(rating: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        FeedbackRating.SATISFIED: translate("Labels", "Satisfied"),
        FeedbackRating.BASICALLY_SATISFIED: translate("Labels", "Basically satisfied"),
        FeedbackRating.UNSATISFIED: translate("Labels", "Unsatisfied"),
    }
    return _label(labels, rating)


def suggestion_event_label(kind: str) -> str:
    """What one entry of a suggestion's history timeline says happened."""
    translate = QCoreApplication.translate
    labels = {
        SuggestionEventKind.SUBMITTED: translate("Labels", "Submitted"),
        SuggestionEventKind.COSIGN_CONFIRMED: translate("Labels", "Co-signing confirmed"),
        SuggestionEventKind.COSIGN_DECLINED: translate("Labels", "Co-signing declined"),
        SuggestionEventKind.COSIGNING_DONE: translate(
            "Labels", "All co-signers answered; sent for review"
        ),
        SuggestionEventKind.COSIGNING_CLOSED: translate(
            "Labels", "Co-signing closed by the secretariat; sent for review"
        ),
        SuggestionEventKind.ACCEPTED: translate("Labels", "Accepted by the secretariat"),
        SuggestionEventKind.RETURNED: translate("Labels", "Returned by the secretariat"),
        SuggestionEventKind.ASSIGNED: translate("Labels", "Assigned to a handling unit"),
        SuggestionEventKind.REPLIED: translate("Labels", "Reply from the handling unit"),
        SuggestionEventKind.FEEDBACK: translate("Labels", "Feedback on the reply"),
    }
    return _label(labels, kind)


def _label(labels: Mapping[str, str], value: str) -> str:
    """``value``'s label; an unknown value (from a newer server) shows as it is."""
    return labels.get(value, value)  # StrEnum keys: a member and its string look up alike
