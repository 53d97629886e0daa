#!/usr/bin/env python3
"""Write the expected decoded subject of every message in a mail folder, as Python's email
package decodes it, for LanternMail's subject test.

Usage: scripts/mail-fixtures/make_subjects.py ../shared/data/mail/ja > Tests/LanternMailTests/Fixtures/ja-subjects.tsv

Output: one line per file, tab-separated: file name, subject, source. The subject is on one
line: every run of Unicode White_Space or zero-width space becomes one space and the ends are trimmed, as
HeaderText.singleLine does, and tabs or line breaks cannot survive in it. The source is
"python" when the subject comes from email.policy.default. For files where Python fails or is
wrong, an entry in READ_BY_HAND below replaces Python's result; its source is "read: REASON",
and those subjects were checked by reading the decoded bytes.
"""
import email
import email.policy
import os
import re
import sys

# The White_Space property, which Swift's Unicode.Scalar.Properties.isWhitespace uses, plus the
# zero-width spaces U+180E, U+200B and U+FEFF, as HeaderText.singleLine collapses them. Python's
# \s also matches U+001C..U+001F, which are not White_Space.
WHITE_SPACE = re.compile("[\u0009-\u000d\u0020\u0085\u00a0\u1680\u180e\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")

# File name -> (subject, reason). Filled after reading each file whose Python result was empty
# or garbled; see the reasons.
LOG_LINE = "a tool log line comes before the headers, so Python's parser finds no Subject; its encoded word, decoded alone with Python's codecs, reads"
READ_BY_HAND = {
    "2022-06-13-0001.eml": (
        "ヨドバシドットコム：「お客様情報」パスワード変更の連絡",
        "labelled gb2312 but the bytes are GBK, which Python's strict gb2312 codec garbles; bytes.decode('gb18030') reads",
    ),
    "2026-04-14-0001.eml": ("ご注文品が近くまで届いています", LOG_LINE + " (ISO-2022-JP)"),
    "2026-04-20-0001.eml": ("受け取り方法のご確認について", LOG_LINE + " (Shift_JIS as cp932)"),
    "2026-04-27-0001.eml": ("ポイント有効期限のご案内", LOG_LINE + " (UTF-8)"),
}


def single_line(text):
    return WHITE_SPACE.sub(" ", text).strip(" ").replace("\0", "")


def python_subject(path):
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    subject = message["subject"]
    return "" if subject is None else single_line(str(subject))


def main(folder):
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        if name in READ_BY_HAND:
            subject, reason = READ_BY_HAND[name]
            print(f"{name}\t{subject}\tread: {reason}")
            continue
        try:
            subject = python_subject(path)
        except Exception as error:  # noqa: BLE001 - a parser crash is recorded, not fatal
            print(f"{name}\t\tpython failed: {type(error).__name__}")
            continue
        print(f"{name}\t{subject}\tpython")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_subjects.py FOLDER")
    main(sys.argv[1])
