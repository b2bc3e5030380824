"""Cards, the blog index's filters and pagination, and its 404s."""

from django.template import Context, Template
from wagtail.test.utils import WagtailPageTestCase

from blog.models import live_posts
from blog.models.index import POSTS_PER_PAGE
from tests.content_api.helpers import make_image, make_review
from tests.factories import make_article, make_author, make_site


class TestCards(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.article = make_article(cls.index, "article", title="An article", tags=["acne"])
        cls.review = make_review(
            cls.index,
            "review",
            title="A review",
            tags=["acne"],
            dek="Short excerpt.",
            hero_image=make_image("Card hero", size=(1200, 675)),
        )

    def card(self, html: str, title: str) -> str:
        end = html.index(f">{title}</a>")
        return html[html.rindex('<article class="card">', 0, end) : html.index("</article>", end)]

    def test_reviews_are_labelled_review_everywhere(self):
        for url, title in (
            ("/", "A review"),
            (self.index.url, "A review"),
            (self.article.url, "A review"),
        ):
            with self.subTest(url=url):
                card = self.card(self.client.get(url).content.decode(), title)
                self.assertIn('<p class="card-type card-type-review">Review</p>', card)
        card = self.card(self.client.get(self.review.url).content.decode(), "An article")
        self.assertIn('<p class="card-type">Article</p>', card)

    def test_card_image_is_a_lazy_responsive_picture(self):
        card = self.card(self.client.get(self.index.url).content.decode(), "A review")
        self.assertIn('type="image/webp"', card)
        self.assertIn(".webp 960w", card)
        self.assertIn('loading="lazy"', card)
        self.assertIn('<p class="card-excerpt">Short excerpt.</p>', card)


class TestBlogIndex(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.sam = make_author("sam", name="Sam Roe")
        make_author("idle", name="Idle Author")
        for n in range(POSTS_PER_PAGE * 2 + 1):
            make_article(
                cls.index,
                f"post-{n}",
                authors=[cls.lena if n % 2 else cls.sam],
                tags=["acne"] if n < 3 else ["rosacea"],
            )
        make_article(cls.index, "draft", tags=["draft-only"], authors=[cls.lena], publish=False)

    def test_filter_bar_lists_visible_tags_and_authors_with_posts(self):
        response = self.client.get(self.index.url)
        self.assertContains(
            response, '<a href="?tag=acne">acne <span class="count">3</span></a>', html=True
        )
        self.assertContains(
            response, '<a href="?tag=rosacea">rosacea <span class="count">22</span></a>', html=True
        )
        self.assertNotContains(response, "draft-only")
        self.assertContains(response, '<option value="lena">Lena Hart (12)</option>', html=True)
        self.assertContains(response, '<option value="sam">Sam Roe (13)</option>', html=True)
        self.assertNotContains(response, "Idle Author")

    def test_active_filters_are_marked_and_combine(self):
        response = self.client.get(self.index.url, {"tag": "acne", "author": "sam"})
        self.assertContains(response, 'href="?tag=acne&amp;author=sam" aria-current="true"')
        self.assertContains(response, '<option value="sam" selected>', html=False)
        self.assertContains(response, '<input type="hidden" name="tag" value="acne">', html=True)
        self.assertContains(response, "2 posts")

    def test_pagination_has_numbers_and_prev_next_links_keeping_the_filter(self):
        first = self.client.get(self.index.url).content.decode()
        self.assertIn('<a class="page-step" rel="next" href="?page=2">', first)
        self.assertIn('<span class="page-current" aria-current="page">', first)
        self.assertIn('<a href="?page=3"><span class="visually-hidden">Page </span>3</a>', first)
        self.assertNotIn('rel="prev"', first)
        middle = self.client.get(self.index.url, {"tag": "rosacea", "page": 2}).content.decode()
        self.assertIn('<a class="page-step" rel="prev" href="?tag=rosacea">', middle)
        self.assertNotIn('rel="next"', middle)  # 22 rosacea posts: two pages
        self.assertIn(
            '<a href="?tag=rosacea"><span class="visually-hidden">Page </span>1</a>', middle
        )

    def test_past_the_last_page_and_unknown_filters_get_the_sites_own_404(self):
        for params in (
            {"page": 4},
            {"tag": "nope"},
            {"author": "nobody"},
            {"author": "idle", "page": 2},
        ):
            with self.subTest(params=params):
                response = self.client.get(self.index.url, params)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, '<header class="site-header">', status_code=404)
                self.assertContains(response, 'role="search"', status_code=404)


class TestCardImages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        for n, size in enumerate(((1200, 675), (700, 400))):
            make_article(cls.index, f"p{n}", hero_image=make_image(f"Hero {n}", size=size))

    def render_cards(self) -> str:
        template = Template(
            '{% for post in posts %}{% include "includes/post_card.html" %}{% endfor %}'
        )
        return template.render(Context({"posts": list(live_posts())}))

    def test_card_renditions_come_with_the_cards(self):
        self.render_cards()  # makes the renditions
        posts = list(live_posts())
        template = Template(
            '{% for post in posts %}{% include "includes/post_card.html" %}{% endfor %}'
        )
        with self.assertNumQueries(0):
            template.render(Context({"posts": posts}))

    def test_a_small_original_gives_no_repeated_widths(self):
        html = self.render_cards()
        srcsets = [part[: part.index('"')] for part in html.split('srcset="')[1:]]
        self.assertEqual(len(srcsets), 4)  # a <source> and an <img> per card
        for srcset in srcsets:
            with self.subTest(srcset=srcset):
                widths = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
                self.assertEqual(len(widths), len(set(widths)))
        # The 700 px original gives a 480 px and a 700 px candidate, not 700 px twice.
        self.assertIn(" 700w", html)
