"""Record Markdown renders safely: text stays text, only safe links, no images from elsewhere."""

from __future__ import annotations

from waymark.render.markdown import render_markdown


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Use <script>alert(1)</script> form <b>EX1</b>.")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_http_tel_and_mailto_links_survive() -> None:
    html = render_markdown(
        "[site](https://example.org) [call](tel:08000000000) [mail](mailto:a@example.org) "
        "[bad](javascript:alert(1)) [data](data:text/html,x) [rel](../other/)"
    )
    assert '<a href="https://example.org">site</a>' in html  # rel="noreferrer" comes with every page's links
    assert '<a href="tel:08000000000">call</a>' in html and '<a href="mailto:a@example.org">mail</a>' in html
    assert "javascript" not in html and "data:" not in html and "../other" not in html
    assert "<span>bad</span>" in html and "<span>rel</span>" in html


def test_images_become_their_description() -> None:
    html = render_markdown("![Refuge map](https://tracker.example/pixel.png)")
    assert "<img" not in html and "tracker" not in html and "<span>Refuge map</span>" in html


def test_lists_and_emphasis_as_people_write_them() -> None:
    html = render_markdown("Bring:\n- ID\n- **proof** of address\n\n1. Call\n2. Refer")
    assert "<ul>\n<li>ID</li>" in html and "<strong>proof</strong>" in html and "<ol>" in html


def test_nothing_in_nothing_out() -> None:
    assert render_markdown(None) == "" and render_markdown("") == ""


def test_service_references_show_the_services_current_numbers() -> None:
    from waymark.render.markdown import expand_references

    text = expand_references(
        "Call [[example-helpline]] or read [[emergency]]. [[missing]] too.",
        lambda ref: f"**{ref}** (0800 000 000)",
        "Call 999.",
    )
    assert text == "Call **example-helpline** (0800 000 000) or read Call 999.. **missing** (0800 000 000) too."


def test_every_number_in_text_becomes_a_link_to_call_or_text() -> None:
    from waymark.render.markdown import link_numbers

    html = render_markdown(
        "Call 0808 2000 247 or text 07860 077333. In an emergency call 999. Samaritans: 116 123. "
        "Childline: 0800 1111. Section 175 of the Housing Act 1996. [site](https://x.org/0808) `0800 000 0000`"
    )
    assert '<a href="tel:08082000247">0808 2000 247</a>' in html
    assert '<a href="sms:07860077333">07860 077333</a>' in html
    assert '<a href="tel:999">999</a>' in html and '<a href="tel:116123">116 123</a>' in html
    assert '<a href="tel:08001111">0800 1111</a>' in html
    assert "Section 175 of the Housing Act 1996" in html and 'href="https://x.org/0808">site</a>' in html
    assert "<code>0800 000 0000</code>" in html
    assert link_numbers('<a href="tel:999">999</a> <title>0800 000 0000</title>') == (
        '<a href="tel:999">999</a> <title>0800 000 0000</title>'
    )


def test_a_number_in_any_text_part_is_a_number_in_the_whole_page() -> None:
    """link_numbers looks at the text parts only when the whole HTML holds a number (one search):
    a number a text part holds must be one the whole holds, wherever the tags fall."""
    import itertools
    import re

    from waymark.data.phones import has_number

    pieces = [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        '<a href="/x">',
        "</a>",
        "call ",
        "0808 2000 247",
        "999",
        "116 123",
        "0808",
        " 2000 ",
        "247",
        "text ",
        "-",
        ".",
        "+44 ",
        "(0)",
        "20 7008 0151",
        "16 or over",
        "2024",
    ]
    checked = 0
    for size in (1, 2, 3, 4):
        for combo in itertools.product(pieces, repeat=size):
            html = "".join(combo)
            parts = [p for p in re.split(r"(<[^>]+>)", html) if p and not p.startswith("<")]
            if any(has_number(part) for part in parts):
                assert has_number(html), html
                checked += 1
    assert checked > 10_000  # the pieces make many pages with a number in a text part
