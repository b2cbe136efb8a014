"""Printable reports (A4, Chinese, embedded font) built with :mod:`congress_desktop.pdfgen`:
the attendance report of a sitting (出席情况), the agenda booklet (议程) and the audit log.

Pure functions from protocol models to a :class:`~congress_desktop.pdfgen.DocumentSpec`; the
server gathers the data (``server/admin/reports.py``). Times are printed in the server's
local time zone (or the one passed in).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from congress_desktop.pdfgen import DocumentSpec, Heading, Para, Table, chinese_number
from congress_desktop.protocol import (
    AgendaOut,
    AttendanceOut,
    AttendanceState,
    AuditEntryOut,
    DelegateAttendance,
    SuggestionOut,
)

NAME_SEPARATOR = "　"  # full-width space between names: a line breaks only there
AUTHOR = "大会秘书处"

ACTION_ZH = {
    "user.add": "新建用户",
    "session.create": "新建会议",
    "session.update": "修改会议",
    "sitting.create": "新建全体会议",
    "sitting.update": "修改全体会议",
    "roster.import": "导入代表名册",
    "seat.assign": "安排座位",
    "document.upload": "上传文件",
    "document.new_version": "上传文件新版本",
    "document.update": "修改文件",
    "document.withdraw": "撤回文件",
    "motion.create": "新建议案",
    "motion.update": "修改议案",
    "notice.publish": "发布通知",
    "notice.update": "修改通知",
    "notice.withdraw": "撤回通知",
    "agenda.draft.add": "议程草稿：增加事项",
    "agenda.draft.update": "议程草稿：修改事项",
    "agenda.draft.delete": "议程草稿：删除事项",
    "agenda.draft.reorder": "议程草稿：调整顺序",
    "agenda.draft.reset": "议程草稿：重置",
    "agenda.publish": "发布议程",
    "agenda.set_current": "切换当前议程",
    "presenter.set": "同步翻页",
    "attendance.staff_signin": "补签",
    "attendance.leave": "请假登记",
    "attendance.leave_revoke": "撤销请假",
    "terminal.enroll_token": "生成终端注册码",
    "suggestion.assign": "交办建议",
    "suggestion.submit": "提交建议",
    "suggestion.cosign.confirmed": "确认附议",
    "suggestion.cosign.declined": "谢绝附议",
    "suggestion.cosigning_done": "附议完成",
    "suggestion.close_cosigning": "截止附议",
    "suggestion.review.accept": "建议审核通过",
    "suggestion.review.return": "退回建议",
    "suggestion.reply": "答复建议",
    "suggestion.feedback": "代表反馈",
}
ROLE_ZH = {
    "secretariat": "秘书处",
    "handling_unit": "承办单位",
    "technician": "技术人员",
    "system": "系统",
    "delegate": "代表",
}


def local(value: dt.datetime | None, tz: dt.tzinfo | None = None) -> dt.datetime | None:
    return None if value is None else value.astimezone(tz)


def zh_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def zh_time(value: dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    when = local(value, tz)
    return "" if when is None else f"{zh_date(when)} {when:%H:%M}"


def _names(people: Sequence[DelegateAttendance]) -> str:
    return NAME_SEPARATOR.join(p.name for p in people) or "无"


def _by_delegation(
    people: Sequence[DelegateAttendance], order: Sequence[str]
) -> list[tuple[str, list[DelegateAttendance]]]:
    """People grouped by delegation, in ``order`` (the delegations' order), others last."""
    groups: dict[str, list[DelegateAttendance]] = {name or "未分团": [] for name in order}
    for p in people:
        groups.setdefault(p.delegation or "未分团", []).append(p)
    return [(name, members) for name, members in groups.items() if members]


# --------------------------------------------------------------------------- attendance


def attendance_report(
    session_title: str, data: AttendanceOut, tz: dt.tzinfo | None = None
) -> DocumentSpec:
    t = data.totals
    verdict = (
        f"实到人数达到应到人数的三分之二（{data.quorum} 名）以上，符合法定人数。"
        if data.quorum_met
        else f"实到人数未达到应到人数的三分之二（{data.quorum} 名），不足法定人数。"
    )
    blocks: list[Any] = [
        Heading("一、出席总数"),
        Table(
            header=["应到", "实到", "请假", "缺席", "法定人数", "达到法定人数"],
            rows=[
                [
                    str(t.expected),
                    str(t.present),
                    str(t.on_leave),
                    str(t.absent),
                    str(data.quorum),
                    "是" if data.quorum_met else "否",
                ]
            ],
            widths=[1, 1, 1, 1, 1.2, 1.6],
            aligns=["center"] * 6,
        ),
        Para(
            f"本次会议应到代表 {t.expected} 名，实到 {t.present} 名，请假 {t.on_leave} 名，"
            f"缺席 {t.absent} 名。{verdict}"
        ),
        Heading("二、各代表团出席情况"),
        Table(
            header=["代表团", "应到", "实到", "请假", "缺席"],
            rows=[
                [
                    g.delegation or "未分团",
                    str(g.expected),
                    str(g.present),
                    str(g.on_leave),
                    str(g.absent),
                ]
                for g in data.by_delegation
            ]
            + [["合计", str(t.expected), str(t.present), str(t.on_leave), str(t.absent)]],
            widths=[3, 1, 1, 1, 1],
            aligns=["left", "center", "center", "center", "center"],
        ),
    ]
    sections = (
        (AttendanceState.PRESENT, "出席代表名单"),
        (AttendanceState.LEAVE, "请假代表名单"),
        (AttendanceState.ABSENT, "缺席代表名单"),
    )
    for n, (state, title) in enumerate(sections, start=3):
        people = [p for p in data.delegates if p.state is state]
        blocks.append(Heading(f"{chinese_number(n)}、{title}（{len(people)} 名）"))
        if not people:
            blocks.append(Para("无。"))
            continue
        order = [g.delegation for g in data.by_delegation]
        for delegation, members in _by_delegation(people, order):
            blocks.append(Heading(f"{delegation}（{len(members)} 名）", level=2))
            blocks.append(Para(_names(members), keep_words=True, align="left"))
            if state is AttendanceState.LEAVE:
                reasons = "；".join(f"{p.name}：{p.leave_reason or '未注明事由'}" for p in members)
                blocks.append(Para(f"请假事由：{reasons}。", indent=True))
    return DocumentSpec(
        title=f"{data.sitting_title}出席情况",
        subtitle=session_title,
        meta=f"统计时间：{zh_time(data.as_of, tz)}",
        header=f"{session_title}　{data.sitting_title}出席情况",
        author=AUTHOR,
        subject="出席情况",
        blocks=blocks,
    )


# --------------------------------------------------------------------------- agenda


def agenda_booklet(
    session_title: str,
    agenda: AgendaOut,
    document_titles: dict[str, str],
    tz: dt.tzinfo | None = None,
    meta: str = "",
) -> DocumentSpec:
    blocks: list[Any] = []
    for n, item in enumerate(agenda.items, start=1):
        blocks.append(Heading(f"{chinese_number(n)}、{item.title}"))
        if item.description:
            blocks.append(Para(item.description))
        details = []
        if item.presenter:
            details.append(f"报告人（主持人）：{item.presenter}")
        if item.starts_at is not None:
            details.append(f"时间：{zh_time(item.starts_at, tz)}")
        docs = [document_titles[d] for d in item.document_ids if d in document_titles]
        if docs:
            details.append("会议文件：" + "、".join(f"《{title}》" for title in docs))
        blocks.extend(Para(text) for text in details)
    if not blocks:
        blocks.append(Para("议程尚未发布。"))
    published = local(agenda.published_at, tz)
    when = f"，{zh_date(published)}发布" if published else ""
    return DocumentSpec(
        title=f"{session_title}议程",
        subtitle=f"（第 {agenda.version} 版{when}）",
        meta=meta,
        header=f"{session_title}议程",
        author=AUTHOR,
        subject="议程",
        blocks=blocks,
    )


# --------------------------------------------------------------------------- audit log

TABLE_ZH = {
    "users": "用户",
    "congress_sessions": "会议",
    "sittings": "全体会议",
    "delegates": "代表",
    "seats": "座位",
    "documents": "文件",
    "motions": "议案",
    "notices": "通知",
    "agendas": "议程",
    "agenda_draft_items": "议程草稿",
    "presenter_pages": "同步翻页",
    "signins": "签到",
    "leaves": "请假",
    "suggestions": "建议",
    "enrollment_tokens": "终端注册码",
}
QUIET_KEYS = frozenset(
    {
        "id",
        "session_id",
        "deleted",
        "seq",
        "updated_at",
        "received_at",
        "terminal_wall",
        "time_estimated",
        "created_at",
        "signed_at",
        "terminal_id",
        "reason",
        "created_by",
        "assigned_by",
        "password_hash",
        "pin_hash",
        "sha256",
    }
)
MAX_FIELDS = 5
FIELD_ZH = {
    "title": "标题",
    "name": "姓名",
    "number": "编号",
    "state": "状态",
    "venue": "地点",
    "unit": "单位",
    "role": "角色",
    "username": "用户名",
    "sitting_id": "会议",
    "delegate_id": "代表",
    "document_id": "文件",
    "agenda_item_id": "议程事项",
    "current_item_id": "当前议程",
    "method": "方式",
    "page": "页码",
    "version": "版本",
    "items": "议程事项",
    "order": "顺序",
    "classification": "密级",
    "pages": "页数",
    "filename": "文件名",
    "body": "内容",
    "seat_number": "座位号",
    "starts_at": "开始时间",
    "file": "文件",
    "rows": "行数",
    "delegates": "原有代表",
    "delegates_created": "新增代表",
    "delegates_updated": "更新代表",
    "delegations_created": "新增代表团",
    "description": "说明",
    "presenter": "报告人",
    "position": "位置",
    "document_ids": "文件",
    "seats_assigned": "安排座位",
}


_ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def _value(value: Any, names: dict[str, str], limit: int = 30) -> str:
    if value in (None, "", [], {}):
        return "无"
    if isinstance(value, str) and value in names:
        return _clip(names[value], limit)
    if isinstance(value, str) and _ISO_TIME.match(value):
        with contextlib.suppress(ValueError):
            when = dt.datetime.fromisoformat(value)
            return f"{(when.astimezone() if when.tzinfo else when):%Y-%m-%d %H:%M}"
    if isinstance(value, dict):
        return _value(value.get("title") or value.get("name") or value.get("id") or "", names)
    if isinstance(value, list):
        return "、".join(_value(v, names, limit) for v in value[:5]) + (
            "等" if len(value) > 5 else ""
        )
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _clip(text, limit)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _change(entry: AuditEntryOut, names: dict[str, str], limit: int = 120) -> str:
    """What changed, briefly: changed fields for an edit, the main fields for a creation."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    parts = []
    for key in dict.fromkeys([*before, *after]):
        if key in QUIET_KEYS or before.get(key) == after.get(key):
            continue
        label = FIELD_ZH.get(key, key)
        if key in before and key in after and before[key] is not None:
            parts.append(f"{label}：{_value(before[key], names)} → {_value(after[key], names)}")
        elif key in after and after[key] not in (None, "", []):
            parts.append(f"{label}：{_value(after[key], names)}")
        elif key in before and key not in after and before[key] not in (None, "", []):
            parts.append(f"{label}：{_value(before[key], names)}")
    text = "；".join(parts[:MAX_FIELDS]) + ("；…" if len(parts) > MAX_FIELDS else "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _target(entry: AuditEntryOut, names: dict[str, str]) -> str:
    table = TABLE_ZH.get(entry.target_table, entry.target_table)
    if entry.target_id in names:
        return f"{table}：{_clip(names[entry.target_id], 16)}"
    for side in (entry.after, entry.before):  # a sign-in or leave: name its delegate
        if isinstance(side, dict) and side.get("delegate_id") in names:
            return f"{table}：{_clip(names[side['delegate_id']], 16)}"
    return table if not entry.target_id else f"{table}：{entry.target_id[:8]}"


def audit_report(
    entries: Sequence[AuditEntryOut],
    first_day: dt.date,
    last_day: dt.date,
    session_title: str = "",
    names: dict[str, str] | None = None,
    tz: dt.tzinfo | None = None,
) -> DocumentSpec:
    """``names`` (row id → readable name) turns ids into delegates' names, titles, …"""
    names = names or {}
    one_day = first_day == last_day
    rows = []
    for e in entries:
        when = local(e.at, tz) or e.at
        stamp = f"{when:%H:%M:%S}" if one_day else f"{when:%m-%d %H:%M}"
        action = ACTION_ZH.get(e.action, e.action)
        user = f"{e.username}\n{ROLE_ZH.get(e.role, e.role)}"
        rows.append([stamp, user, action, _target(e, names), _change(e, names), e.reason])
    span = zh_date(first_day) if one_day else f"{zh_date(first_day)}至{zh_date(last_day)}"
    blocks: list[Any] = [Para(f"共 {len(rows)} 条记录。", indent=False)]
    if rows:
        blocks.append(
            Table(
                header=["时间", "用户", "操作", "对象", "变更内容", "事由"],
                rows=rows,
                widths=[1.3, 1.4, 1.7, 2.0, 3.9, 1.9],
            )
        )
    return DocumentSpec(
        title="控制台操作日志",
        subtitle=session_title,
        meta=span,
        header=f"控制台操作日志　{span}",
        author=AUTHOR,
        subject="操作日志",
        blocks=blocks,
    )


# --------------------------------------------------------------------------- suggestions

SUGGESTION_STATE_ZH: dict[str, str] = {
    "cosigning": "征集附议",
    "submitted": "待审核",
    "accepted": "已立案待交办",
    "rejected": "已退回",
    "assigned": "已交办办理中",
    "replied": "已答复待反馈",
    "rehandling": "重新办理",
    "closed": "已办结",
}
"""The states in the order a suggestion passes them (the report's sections)."""


def suggestions_report(
    session_title: str,
    items: Sequence[SuggestionOut],
    as_of: dt.datetime,
    tz: dt.tzinfo | None = None,
) -> DocumentSpec:
    """代表建议办理情况: counts by state, then each state's suggestions with their units."""
    order = list(SUGGESTION_STATE_ZH)
    by_state: dict[str, list[SuggestionOut]] = {}
    for item in items:
        by_state.setdefault(str(item.state), []).append(item)
    states = order + sorted(k for k in by_state if k not in SUGGESTION_STATE_ZH)
    counts = [[SUGGESTION_STATE_ZH.get(k, k), str(len(by_state.get(k, [])))] for k in states]
    blocks: list[Any] = [
        Heading("一、办理情况汇总"),
        Table(
            header=["状态", "件数"],
            rows=[*counts, ["合计", str(len(items))]],
            widths=[3, 1],
            aligns=["left", "center"],
        ),
    ]
    n = 2
    for state in states:
        members = sorted(by_state.get(state, []), key=lambda s: s.number or 0)
        if not members:
            continue
        blocks.append(
            Heading(
                f"{chinese_number(n)}、{SUGGESTION_STATE_ZH.get(state, state)}（{len(members)} 件）"
            )
        )
        n += 1
        blocks.append(
            Table(
                header=["编号", "标题", "领衔代表", "承办单位"],
                rows=[
                    [
                        f"{s.number:04d}" if s.number else "",
                        s.title,
                        s.lead_delegate_name,
                        "、".join(a.unit for a in s.assignments) or "—",
                    ]
                    for s in members
                ],
                widths=[1, 5, 1.5, 2.5],
                aligns=["center", "left", "center", "left"],
            )
        )
    if not items:
        blocks.append(Para("本次会议尚无代表建议。"))
    return DocumentSpec(
        title="代表建议办理情况",
        subtitle=session_title,
        meta=f"统计时间：{zh_time(as_of, tz)}",
        header=f"{session_title}　代表建议办理情况",
        author=AUTHOR,
        subject="代表建议",
        blocks=blocks,
    )
