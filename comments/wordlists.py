"""Sensitive-word lists in and out of the admin: CSV and TXT files.

CSV has one word a row: 敏感词, 处理方式, 拼音匹配, 谐音变体, 备注 (a header row
with these names, or the field names, is optional; columns without a header
are read in this order). TXT has one word a line, every word with the action
chosen on the import page; lines starting with # are comments.

Files come from Excel as often as from an editor: UTF-8 with or without a
byte-order mark is read first, then GB18030 (what Chinese Windows saves).
Exports are UTF-8 with a byte-order mark, so Excel shows the Chinese.
An import is all or nothing: one bad row and nothing is saved.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from comments.models import SensitiveWord
from comments.signals import word_list_changed

MAX_ROWS = 20_000
COLUMNS = ["word", "action", "match_pinyin", "variants", "note"]
HEADERS = {name: str(SensitiveWord._meta.get_field(name).verbose_name) for name in COLUMNS}  # type: ignore[union-attr]
_TRUE = {"1", "true", "yes", "y", "是", "√", "✓"}
_FALSE = {"", "0", "false", "no", "n", "否", "×"}
_ACTION_NAMES = {
    **{value: value for value in SensitiveWord.Action.values},
    **{str(label): value for value, label in SensitiveWord.Action.choices},
    "替换": "replace",
    "审核": "hold",
    "待审": "hold",
    "拒绝": "reject",
}


@dataclass
class Parsed:
    """The words read from one file, or the reasons it cannot be imported."""

    words: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("无法识别文件的编码，请另存为 UTF-8 编码的 CSV 或 TXT 文件。")


def read(data, filename, default_action):
    """Parse an uploaded file into unsaved SensitiveWords (validated) or errors."""
    try:
        text = decode(data)
    except ValueError as error:
        return Parsed(errors=[str(error)])
    if "\x00" in text:
        return Parsed(errors=["文件里有二进制内容，不是文本文件。"])
    if filename.lower().endswith(".txt"):
        return _validate(_txt_rows(text, default_action))
    try:
        return _validate(_csv_rows(text, default_action))
    except csv.Error as error:
        return Parsed(errors=[f"CSV 格式有误：{error}"])


def _txt_rows(text, default_action):
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if word and not word.startswith("#"):
            yield number, {"word": word, "action": default_action}


def _csv_rows(text, default_action):
    reader = csv.reader(io.StringIO(text))
    columns = COLUMNS
    for number, cells in enumerate(reader, start=1):
        cells = [_unescape(cell.strip()) for cell in cells]
        if not any(cells):
            continue
        if number == 1 and cells[0] in {"word", HEADERS["word"]}:
            by_header = {HEADERS[name]: name for name in COLUMNS} | {name: name for name in COLUMNS}
            columns = [by_header.get(cell) for cell in cells]
            continue
        row = {name: cell for name, cell in zip(columns, cells) if name}
        row["action"] = row.get("action") or default_action
        yield number, row


def _validate(rows):
    parsed, seen = Parsed(), {}
    for number, row in rows:
        if len(parsed.words) >= MAX_ROWS:
            parsed.errors.append(f"一次最多导入 {MAX_ROWS} 个词，请分成几个文件。")
            break
        try:
            word = _build(row)
        except ValidationError as error:
            parsed.errors.append(f"第 {number} 行：{_describe(error)}")
            continue
        if word.word in seen:
            parsed.errors.append(f"第 {number} 行：“{word.word}”与第 {seen[word.word]} 行重复。")
            continue
        seen[word.word] = number
        parsed.words.append(word)
    if not parsed.words and not parsed.errors:
        parsed.errors.append("文件里没有词语。")
    return parsed


def _build(row):
    action = _ACTION_NAMES.get(row.get("action", ""))
    if action is None:
        raise ValidationError({"action": f"不认识的处理方式“{row['action']}”，可填：替换、审核、拒绝。"})
    pinyin = row.get("match_pinyin", "").lower()
    if pinyin not in _TRUE | _FALSE:
        raise ValidationError({"match_pinyin": f"拼音匹配填“是”或“否”，不是“{row['match_pinyin']}”。"})
    word = SensitiveWord(
        word=row.get("word", ""),
        action=action,
        match_pinyin=pinyin in _TRUE,
        variants=row.get("variants", ""),
        note=row.get("note", ""),
    )
    word.full_clean(validate_unique=False, validate_constraints=False)
    return word


def _describe(error):
    labels = {name: HEADERS.get(name, name) for name in error.message_dict}
    return "；".join(f"{labels[name]}：{' '.join(messages)}" for name, messages in error.message_dict.items())


@dataclass
class Saved:
    created: int
    updated: int
    skipped: int


def save(words, update_existing):
    """Add new words; words already listed are updated, or left as they are."""
    fields = ["action", "match_pinyin", "variants", "note"]
    with transaction.atomic():
        existing = SensitiveWord.objects.select_for_update().in_bulk([w.word for w in words], field_name="word")
        new = [w for w in words if w.word not in existing]
        changed = []
        if update_existing:
            for word in words:
                if (kept := existing.get(word.word)) is not None:
                    for name in fields:
                        setattr(kept, name, getattr(word, name))
                    changed.append(kept)
        SensitiveWord.objects.bulk_create(new, batch_size=1000)
        SensitiveWord.objects.bulk_update(changed, fields, batch_size=1000)
        # bulk writes send no post_save: say so ourselves.
        word_list_changed()
    return Saved(created=len(new), updated=len(changed), skipped=len(words) - len(new) - len(changed))


# A cell starting with one of these is a formula to Excel; exports prefix it
# with an apostrophe, which Excel hides and imports take off again.
_FORMULA_STARTS = ("=", "+", "-", "@")


def _escape(cell):
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _unescape(cell):
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def export_csv(words):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS[name] for name in COLUMNS)
    for word in words:
        cells = [
            word.word,
            word.get_action_display(),
            "是" if word.match_pinyin else "否",
            "、".join(SensitiveWord.split_variants(word.variants)),
            word.note,
        ]
        writer.writerow(_escape(cell) for cell in cells)
    return out.getvalue().encode("utf-8-sig")


def export_txt(words):
    return "".join(f"{word.word}\n" for word in words).encode("utf-8")
