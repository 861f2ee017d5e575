"""Reading pasted pages and HTML into an article: body without chrome, title, publisher, dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extraction.text import detect_language, read_article, text_problem

PASTED_PAGE = """\
Menu
Home
World
Business
Tech
Harbour Herald
Home > World > Coastal council bans single-use plastics from its beaches
Coastal council bans single-use plastics from its beaches
By Jane Roe and John Poe
Published: Apr 2, 2024 10:05 AM
Last updated: May 5, 2024
4 min read
Share
Beach clean-up volunteers. Photo: Harbour Herald

The Coastal District Council voted on Monday to ban single-use plastic cups and cutlery from its beaches, starting in June.

Councillors approved the measure by nine votes to two after a three-hour debate. Traders will have eight weeks to adapt.
Advertisement
"We cannot keep cleaning up after ourselves," the council leader told reporters. "This is a first step."

WHAT HAPPENS NEXT

The council will review the ban after one year and publish the results.

More from World
Rail strike called off after late-night talks
Storm closes ferry routes for second day
Farmers protest new water charges
Sign up for our newsletter
Get the Harbour Herald morning briefing in your inbox.
We use cookies to improve your experience. Accept all cookies
© 2024 Harbour Herald Media Ltd. All rights reserved.
"""  # noqa: E501 (pasted pages have long lines)


def test_pasted_page_keeps_the_article_body_and_drops_the_chrome():
    article = read_article(PASTED_PAGE)

    assert article.text.startswith("The Coastal District Council voted on Monday")
    assert article.text.endswith("publish the results.")
    assert "WHAT HAPPENS NEXT" in article.text  # a subheading inside the body stays
    for chrome in (
        "Advertisement",
        "Share",
        "Photo:",
        "4 min read",
        "More from World",
        "Rail strike called off",
        "newsletter",
        "cookies",
        "©",
        "Home > World",
        "By Jane Roe",
    ):
        assert chrome not in article.text, chrome


def test_pasted_page_metadata_comes_from_the_lines_around_the_body():
    article = read_article(PASTED_PAGE)

    assert article.title == "Coastal council bans single-use plastics from its beaches"
    assert article.published == date(2024, 4, 2)
    assert article.updated == date(2024, 5, 5)
    assert article.author == "Jane Roe and John Poe"
    assert article.language == "en"


def test_body_paragraphs_are_verbatim_slices_of_the_input():
    article = read_article(PASTED_PAGE)

    for paragraph_start, raw_start, length in article.segments:
        paragraph = article.text[paragraph_start : paragraph_start + length]
        assert PASTED_PAGE[raw_start : raw_start + length] == paragraph
    first = article.text.index("Traders")
    span = article.raw_span(first, first + len("Traders"))
    assert span is not None
    assert PASTED_PAGE[span[0] : span[1]] == "Traders"


@pytest.mark.parametrize(
    ("stamp_lines", "published", "updated"),
    [
        (["Posted on June 3, 2024"], date(2024, 6, 3), None),
        (["Published 3 June 2024 | Updated 4 June 2024"], date(2024, 6, 3), date(2024, 6, 4)),
        (["Updated: 2024-06-04 08:00"], None, date(2024, 6, 4)),
        (["Last updated: June 9, 2025", "Posted on June 3, 2024"], date(2024, 6, 3), None),
        (["Tuesday, June 4, 2024 08:15 GMT"], date(2024, 6, 4), None),
        (["First published on 2024-06-03"], date(2024, 6, 3), None),
    ],
    ids=["posted", "published-and-updated", "update-only", "update-first", "bare", "iso"],
)
def test_publication_date_is_never_an_update_stamp(stamp_lines, published, updated):
    page = "\n".join(
        [
            "Regional water board raises tariffs",
            *stamp_lines,
            "",
            "The regional water board raised household tariffs by four percent on Monday, "
            "citing higher energy costs.",
            "",
            "The increase applies from July and will be reviewed next spring, the board said.",
        ]
    )
    article = read_article(page)

    assert article.published == published
    if updated is not None or "Last updated" not in page:
        assert article.updated == updated
    else:
        assert article.updated == date(2025, 6, 9)


@pytest.mark.parametrize(
    ("first_line", "published", "wire"),
    [
        ("WASHINGTON, Jan 29, 2025 (Reuters) - The agency", date(2025, 1, 29), "Reuters"),
        ("March 17, 2025 (AP) — The agency", date(2025, 3, 17), "AP"),
        ("(Reuters) - The agency", None, "Reuters"),
        ("March 17 (Reuters) - The agency", None, "Reuters"),
    ],
)
def test_dateline_gives_the_wire_and_the_date_when_it_has_a_year(first_line, published, wire):
    article = read_article(
        f"{first_line} fined two lenders on Monday for breaching consumer rules.\n\n"
        "Both lenders said they would appeal the decision, which they called disproportionate."
    )

    assert article.wire == wire
    assert article.published == published
    assert article.publisher == wire


def test_dateline_without_a_year_takes_the_year_of_the_page_stamp():
    article = read_article(
        "Lenders fined over consumer rules\nLast updated: February 3, 2025\n\n"
        "BRUSSELS, Jan 29 (Reuters) - The agency fined two lenders on Monday for breaching "
        "consumer rules.\n\nBoth lenders said they would appeal."
    )

    assert article.published == date(2025, 1, 29)
    assert article.updated == date(2025, 2, 3)


def test_a_site_carrying_a_wire_story_names_both():
    article = read_article(
        "Lenders fined over consumer rules\nPublished by Example Finance Daily®\n"
        "Posted on January 29, 2025\n\n(Reuters) - The agency fined two lenders on Monday for "
        "breaching consumer rules.\n\nBoth lenders said they would appeal the decision."
    )

    assert article.publisher == "Example Finance Daily (Reuters)"
    assert article.title == "Lenders fined over consumer rules"


@pytest.mark.parametrize(
    ("chrome", "publisher"),
    [
        ("Sign up to receive daily newsletters from Harbour Herald", "Harbour Herald"),
        ("© 2024 Lakeside Media Group. All rights reserved.", "Lakeside Media Group"),
        ("Publisher: The Northern Ledger", "The Northern Ledger"),
    ],
)
def test_publisher_from_the_page_furniture(chrome, publisher):
    article = read_article(
        "Ferry operator suspends night crossings\n\nThe ferry operator suspended night "
        "crossings on Friday after two engine failures in a week.\n\nInspectors will examine "
        f"the fleet before services resume, the company said.\n\n{chrome}\n"
    )

    assert article.publisher == publisher
    assert chrome not in article.text


def test_page_title_with_a_site_suffix_gives_title_and_publisher():
    article = read_article(
        "Ferry operator suspends night crossings | Coastline Post\n"
        "Ferry operator suspends night crossings\n\n"
        "The ferry operator suspended night crossings on Friday after two engine failures.\n\n"
        "Inspectors will examine the fleet before services resume, the company said.\n"
    )

    assert article.title == "Ferry operator suspends night crossings"
    assert article.publisher == "Coastline Post"


def test_plain_article_text_is_kept_whole_with_its_heading_as_title():
    text = (
        "Ferry operator suspends night crossings\n\n"
        "The ferry operator suspended night crossings on Friday after two engine failures.\n\n"
        "Inspectors will examine the fleet before services resume, the company said."
    )
    article = read_article(text)

    assert article.title == "Ferry operator suspends night crossings"
    assert article.text == text.split("\n\n", 1)[1]
    assert article.published is None
    assert article.publisher is None


def test_a_list_of_other_headlines_is_not_part_of_the_body():
    related = "\n".join(
        f"Image for Headline number {n} about something else\nHeadline number {n} about "
        "something else"
        for n in range(6)
    )
    article = read_article(
        "The port authority approved a new berth on Tuesday, its largest investment in a "
        "decade.\n\nConstruction starts in the autumn, the authority said.\n\n"
        f"Related Articles\n{related}\n"
    )

    assert "Headline number" not in article.text
    assert article.text.endswith("the authority said.")


def test_faq_and_takeaways_boxes_are_not_part_of_the_body():
    article = read_article(
        "The port authority approved a new berth on Tuesday, its largest investment in a "
        "decade. The berth will take ships of up to 300 metres and open in two years.\n\n"
        "Construction starts in the autumn, the authority said, and will employ 400 people "
        "at its peak according to the plans filed with the council.\n\n"
        "Key Takeaways\n• The port plans to ban older ships.\n\n"
        "Frequently Asked Questions\n1What is the berth?\n\nA new quay for large ships.\n"
    )

    assert "ban older ships" not in article.text
    assert "Frequently" not in article.text


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Regulator fines two lenders | Example Ledger</title>
<meta property="og:title" content="Regulator fines two lenders">
<meta property="og:site_name" content="Example Ledger">
<meta property="article:published_time" content="2024-03-02T09:00:00Z">
<meta property="article:modified_time" content="2024-05-01T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article>
<h1>Regulator fines two lenders</h1>
<p>The financial regulator fined two lenders a combined 40 million euros on Monday for
breaching consumer credit rules over a period of five years.</p>
<p>The regulator said the lenders had failed to check whether borrowers could afford their
loans, and had charged fees that were not disclosed in their contracts.</p>
<p>Both lenders said they would appeal. One called the decision disproportionate and said it
had already changed its procedures after an internal review last year.</p>
<p>The fines are the largest the regulator has imposed since it gained new powers in 2021,
and follow a two-year investigation that began after complaints from consumer groups.</p>
</article>
<footer>Copyright 2024 Example Ledger. All rights reserved. Privacy policy.</footer>
</body></html>
"""


def test_html_goes_through_trafilatura_and_htmldate():
    article = read_article(HTML_PAGE, content_type="text/html; charset=utf-8")

    assert article.title == "Regulator fines two lenders"
    assert article.publisher == "Example Ledger"
    assert article.published == date(2024, 3, 2)  # the original date, not the modification
    assert "fined two lenders a combined 40 million euros" in article.text
    assert "Privacy policy" not in article.text
    assert "Markets" not in article.text


def test_html_is_recognised_without_a_content_type():
    article = read_article(HTML_PAGE)

    assert article.title == "Regulator fines two lenders"
    assert "<p>" not in article.text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "The text is empty."),
        ("   \n\t  ", "The text is empty."),
        ("\x00\x01\x02\x03\x04\x05 abc \x06\x07", "binary"),
        ("12345 67890 !!!", "no words"),
        ("The council voted on Monday.", None),
    ],
)
def test_text_problem_explains_unusable_input(text, problem):
    found = text_problem(text)

    if problem is None:
        assert found is None
    else:
        assert problem in found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council voted on Monday to ban plastic cups from the beaches of the town.", "en"),
        ("Le conseil a voté lundi pour interdire les gobelets en plastique sur les plages.", "fr"),
        ("Der Rat hat am Montag beschlossen, Plastikbecher an den Stränden zu verbieten.", "de"),
        ("El consejo votó el lunes para prohibir los vasos de plástico en las playas.", "es"),
        ("委员会周一投票决定禁止在海滩上使用塑料杯。", "zh"),
        ("Ban.", None),
    ],
)
def test_language_is_detected_from_script_and_common_words(text, language):
    assert detect_language(text) == language


@settings(deadline=None)
@given(st.text(max_size=600))
def test_reading_any_text_never_fails_and_maps_back_to_the_input(raw):
    article = read_article(raw)

    assert article == read_article(raw)
    for paragraph_start, raw_start, length in article.segments:
        assert 0 <= raw_start <= raw_start + length <= len(raw)
        assert (
            raw[raw_start : raw_start + length]
            == article.text[paragraph_start : paragraph_start + length]
        )


@settings(deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<>/ab p=\"'html!DOCTYPE body\n&;#")), max_size=300)
    | st.text(max_size=300)
)
def test_reading_any_markup_as_html_never_fails(raw):
    article = read_article(raw, content_type="text/html")

    assert article == read_article(raw, content_type="text/html")
    assert isinstance(article.text, str)


@pytest.mark.parametrize(
    "first_line",
    [
        "date 2025-03-20 The Transport Ministry banned recreational drones from all airports "
        "on Tuesday after two near-misses at the capital's busiest terminal.",
        "Published March 20, 2025 The Transport Ministry banned recreational drones from all "
        "airports on Tuesday after two near-misses at the capital's busiest terminal.",
        "date 2025-03-20 (Harbour Wire) The Transport Ministry banned recreational drones from "
        "all airports on Tuesday after two near-misses at the capital's busiest terminal.",
    ],
    ids=["iso-stamp", "published-stamp", "stamp-then-wire-credit"],
)
def test_a_stamp_that_starts_the_first_paragraph_is_metadata_and_the_rest_is_body(first_line):
    """A whole one-line article behind a date stamp is neither dropped nor dated wrong."""
    raw = first_line + " Airlines welcomed the decision."
    article = read_article(raw)
    assert article.published == date(2025, 3, 20)
    opening = first_line[first_line.index("(" if "(" in first_line else "The") :]
    assert article.text.startswith(opening[:30])
    start = raw.index(opening[:10])
    assert article.raw_span(0, 10) == (start, start + 10)


def test_news_about_a_privacy_policy_is_body_and_a_cookie_banner_is_not():
    raw = (
        "The Data Protection Board fined the messaging service on Monday for breaching the "
        "privacy law, the board said in a statement.\n\n"
        "The board started an investigation in March 2021 into the messaging service's revised "
        "privacy policy, which made data sharing with its parent mandatory.\n\n"
        "We use cookies to improve your experience. By continuing you accept our privacy policy "
        "and our terms of use, which you can read at any time on this page.\n"
    )
    text = read_article(raw).text
    assert "started an investigation in March 2021" in text
    assert "We use cookies" not in text


def test_one_paywall_line_inside_the_article_does_not_end_it_but_a_related_section_does():
    raw = (
        "The Harbour Board fined the ferry operator on Monday for repeated safety breaches, "
        "the board said in a statement on its website.\n\n"
        "Sign up for a free preview to unlock the rest of this article\n\n"
        "The operator, which runs six routes across the bay, said it would appeal the fine in "
        "the regional court before the end of the month.\n\n"
        "The board first warned the operator about the breaches in a letter sent in March, "
        "according to documents seen by reporters.\n\n"
        "Related\n\n"
        "Ports across the region brace for a busy summer season as tourist numbers climb again "
        "after two quiet years, operators say.\n"
    )
    text = read_article(raw).text
    assert "fined the ferry operator on Monday" in text
    assert "warned the operator about the breaches" in text
    assert "Sign up" not in text
    assert "busy summer season" not in text


def test_a_page_that_opens_and_closes_with_stacks_of_headings_keeps_its_body():
    """Site name, section and date above the article, tag links below: the body is the prose."""
    raw = (
        "Harbour News\n\nFerries and ports\n\nMonday 9 June\n\n"
        "The Harbour Board fined the ferry operator on Monday for repeated safety breaches, "
        "the board said in a statement on its website.\n\n"
        "The operator, which runs six routes across the bay, said it would appeal the fine in "
        "the regional court before the end of the month.\n\n"
        "Comment (0)\n\nSame tag\n\nSame category\n"
    )
    text = read_article(raw).text
    assert text.startswith("The Harbour Board fined the ferry operator on Monday")
    assert "appeal the fine in the regional court" in text
    assert "Same tag" not in text


def test_an_embedded_video_player_after_the_lead_does_not_cut_the_lead_off():
    teaser = "Why port fees could double next year"
    article = read_article(
        "The port authority approved a new berth on Tuesday, its largest investment in a "
        "decade, after two years of talks with shipping lines.\n\n"
        f"{teaser} CC Share Subtitles Off\n\nEnglish view video {teaser}\n\n"
        f"{teaser} CC Share Subtitles Off\n\nEnglish {teaser}\n\n"
        "Construction starts in the autumn and will take three years, the authority said "
        "in a statement.\n\nAdvertisement\n\n"
        "Shipping lines welcomed the plan, which adds room for the largest container ships.\n"
    )

    assert article.text.startswith("The port authority approved a new berth on Tuesday")
    assert "Subtitles" not in article.text
    assert article.text.endswith("the largest container ships.")


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        ("The Harbour Authority raised its port fees to 40% on Wednesday, hours after the "
         "council approved the plan. Earlier, the mayor criticised the move. Photo by Ana "
         "Ruiz/Harbour Herald", False),
        ("The Harbour Authority raised its port fees on Wednesday after a photo by a passenger "
         "showed crowded decks.", True),
    ],
    ids=["caption-with-credit", "photo-by-in-prose"],
)  # fmt: skip
def test_a_photo_caption_ending_with_its_credit_is_chrome_inside_the_body(paragraph, kept):
    page = (
        "Ferry fares rise as port fees take effect\n\nPublished: Mar 20, 2025\n\n"
        f"{paragraph}\n\n"
        "The Harbour Authority said on Wednesday that the new fees apply to every ferry line "
        "from April.\n\n"
        "Ferry operators have two weeks to publish their new fares, the authority added."
    )

    assert (paragraph in read_article(page).text) is kept


def test_a_bulleted_list_the_story_announces_does_not_end_the_story():
    raw = (
        "The Harbour Board fined the ferry operator on Monday for repeated safety breaches, "
        "the board said in a statement on its website.\n"
        "The operator was found to have committed three breaches:\n"
        "- Overloaded night crossings\n"
        "- Missing life jackets\n"
        "- Untrained deck crew\n"
        "The operator, which runs six routes across the bay, said it would appeal the fine in "
        "the regional court before the end of the month.\n"
    )
    text = read_article(raw).text
    assert "fined the ferry operator on Monday" in text
    assert "said it would appeal the fine" in text


def test_a_bulleted_list_of_links_after_a_related_heading_still_ends_the_story():
    raw = (
        "The Harbour Board fined the ferry operator on Monday for repeated safety breaches, "
        "the board said in a statement on its website.\n"
        "Read more from our port reporters:\n"
        "- Ferry fares rise for the summer season\n"
        "- New berth opens at the northern quay\n"
        "- Harbour pilots vote on a new contract\n"
        "Ports across the region brace for a busy summer season as tourist numbers climb again "
        "after two quiet years, operators say.\n"
    )
    text = read_article(raw).text
    assert "fined the ferry operator on Monday" in text
    assert "busy summer season" not in text


def test_a_press_release_date_line_is_the_publication_date():
    raw = (
        "Harbour Board fines ferry operator\n\n"
        "Tuesday, March 18, 2025:\n"
        "The Harbour Board today fined the ferry operator for repeated safety breaches on its "
        "night crossings, the board said.\n"
        "The operator has two weeks to pay the fine or appeal it before the regional court.\n"
    )
    article = read_article(raw)

    assert article.published == date(2025, 3, 18)
    assert article.text.startswith("The Harbour Board today fined")


def test_a_sentence_that_ends_with_a_colon_after_a_date_is_no_date_line():
    raw = (
        "The Harbour Board set out its demands on Tuesday, March 18, 2025, in a letter that "
        "said the following:\n"
        "The operator must stop night crossings until its crew is trained.\n"
    )
    assert read_article(raw).published is None
