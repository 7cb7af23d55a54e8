"""Telegram-style HTML parsing: text, entities, UTF-16 offsets and error wording."""

from __future__ import annotations

import pytest

from sandbox.html import ParseError, parse_html


def test_nested_tags_give_nested_entities() -> None:
    text, entities = parse_html("<b>bold <i>both</i></b> plain")
    assert text == "bold both plain"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
    ]


@pytest.mark.parametrize(
    ("tag", "entity_type"),
    [
        ("strong", "bold"),
        ("em", "italic"),
        ("ins", "underline"),
        ("del", "strikethrough"),
        ("strike", "strikethrough"),
        ("tg-spoiler", "spoiler"),
        ("code", "code"),
        ("blockquote", "blockquote"),
    ],
)
def test_tag_aliases(tag: str, entity_type: str) -> None:
    assert parse_html(f"<{tag}>x</{tag}>") == (
        "x",
        [{"type": entity_type, "offset": 0, "length": 1}],
    )


def test_attributes() -> None:
    text, entities = parse_html(
        '<a href="https://example.org/?a=1&amp;b=2">link</a> '
        '<span class="tg-spoiler">s</span> '
        "<blockquote expandable>q</blockquote> "
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert text == "link s q 👍"
    assert entities == [
        {"type": "text_link", "offset": 0, "length": 4, "url": "https://example.org/?a=1&b=2"},
        {"type": "spoiler", "offset": 5, "length": 1},
        {"type": "expandable_blockquote", "offset": 7, "length": 1},
        {
            "type": "custom_emoji",
            "offset": 9,
            "length": 2,
            "custom_emoji_id": "5368324170671202286",
        },
    ]


def test_pre_with_code_language_is_one_entity() -> None:
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert text == "x = 1"
    assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


def test_html_entities_and_bare_ampersand() -> None:
    text, _ = parse_html("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42; AT&T &nbsp;")
    assert text == '<tag> & "q" AB AT&T &nbsp;'


def test_offsets_are_utf16_code_units() -> None:
    text, entities = parse_html("😀 <b>ok</b> é <i>😀</i>")
    assert text == "😀 ok é 😀"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 2},
        {"type": "italic", "offset": 8, "length": 2},
    ]


def test_empty_elements_give_no_entity() -> None:
    assert parse_html("a<b></b>b") == ("ab", [])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("é <blink>", 'Unsupported start tag "blink" at byte offset 3'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("ok</b>", "Unexpected end tag at byte offset 2"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("I <3 you", 'Unsupported start tag "3" at byte offset 2'),
        ("<3", "Unclosed start tag at byte offset 0"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_errors_use_telegram_wording(source: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_html(source)
    assert str(caught.value) == message
