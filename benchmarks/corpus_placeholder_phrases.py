"""Phrase pools for the synthetic placeholder corpus (``benchmarks.corpus_placeholders``).

Clean pools are what an editor writes: ingredients, concerns, sentences, titles, citations and
real external links. Spam pools are our own wording, varied the way content-farm output varies,
written apart from the engine's grammar and the test corpus so the benchmark exercises the
rules rather than replaying them.
"""

# --- clean pools
INGREDIENTS = [
    "retinol",
    "niacinamide",
    "vitamin C",
    "azelaic acid",
    "glycolic acid",
    "lactic acid",
    "salicylic acid",
    "hyaluronic acid",
    "ceramides",
    "peptides",
    "squalane",
    "bakuchiol",
    "zinc oxide",
    "benzoyl peroxide",
    "tranexamic acid",
    "panthenol",
    "centella",
    "urea",
]
CONCERNS = [
    "acne scars",
    "fine lines",
    "dark spots",
    "enlarged pores",
    "redness",
    "dry patches",
    "uneven texture",
    "melasma",
    "breakouts",
    "dullness",
    "sun damage",
    "a weak barrier",
]
TIMES = [
    "within a day",
    "within a few days",
    "over two weeks",
    "after four to six weeks",
    "over three months",
    "within a week",
    "after several sessions",
]
SENTENCES = [
    "{Ing} works best when it is introduced slowly, two or three nights a week at first.",
    "Most people with {concern} notice a difference {time}, though results vary.",
    "Pairing {ing} with a plain moisturiser reduces the dryness many beginners report.",
    "A patch test on the inner arm catches most reactions to {ing} before they reach the face.",
    "Dermatologists often suggest {ing} for {concern} because it is well tolerated.",
    "The skin's healing response moves from inflammation to repair {time}.",
    "Sunscreen matters even more while you use {ing}, since fresh skin burns easily.",
    "Needles of 0.25 mm are for absorption; collagen work on {concern} needs a clinic.",
    "Redness after a session usually fades {time}, much like a mild sunburn.",
    "If stinging lasts longer than a day, stop {ing} and let the barrier recover.",
    "A gentle cleanser at night and water in the morning is enough for most skin types.",
    "Layer thin textures first and finish with the richest cream.",
    "Clean tools matter as much as technique: sterilise the roller after every use.",
    "Consistency beats intensity, so a simple routine done daily wins over an elaborate one.",
    "Some studies suggest {ing} can soften {concern}, although the trials were small.",
    "Fragrance-free products are the safer choice when the skin reacts easily.",
    "Hormonal {concern} tends to cluster along the jaw and chin.",
    "Results from collagen induction build slowly as new fibres mature.",
    "Expect some flaking {time} when you first start {ing}.",
    "Store {ing} away from light and heat so it keeps its strength.",
]
TITLES = [
    "How to start {ing} without the flaking",
    "A beginner routine for {concern}",
    "What {ing} can and cannot do",
    "Microneedling aftercare, day by day",
    "Sunscreen under make-up: what works",
    "Why your moisturiser stings",
]
CITATIONS = [
    ("https://doi.org/10.1111/jocd.{n}", "a {year} split-face trial"),
    ("https://pubmed.ncbi.nlm.nih.gov/{n}/", "a {year} review"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{n}/", "research from {year}"),
]
ORGS = [
    ("https://www.aad.org/public/everyday-care/{slug}", "American Academy of Dermatology"),
    ("https://www.mayoclinic.org/diseases-conditions/{slug}", "Mayo Clinic"),
    ("https://www.niams.nih.gov/health-topics/{slug}", "NIH"),
    ("https://www.nhs.uk/conditions/{slug}/", "NHS"),
]
REAL_EXTERNAL = [
    ("https://www.healthline.com/health/{slug}", "Healthline's overview of {ing}"),
    ("https://www.byrdie.com/{slug}", "this guide to {ing} for {concern}"),
    ("https://www.verywellhealth.com/{slug}", "Verywell's explainer on {concern}"),
    ("https://www.theordinary.com/en-us/{slug}.html", "The Ordinary {Ing} serum"),
]

# --- spam pools (own wording, varied like farm output)
PROMO_CLUSTERS = [
    "Dive deeper into the subject by visiting this external resource we’ve selected for you. "
    "{link}, uncover extra and worthwhile data to enhance your study and understanding of the "
    "subject.",
    "Interested in learning more about the topic? {link}, a supplementary external resource "
    "we’ve put together for you.",
    "To broaden your knowledge on the subject, check out this recommended external website. "
    "{link}, find new perspectives and additional information.",
    "We’re committed to providing a rewarding learning experience. That’s why we’ve picked "
    "this external site with useful information to supplement your reading. {link}.",
    "Discover more about the subject in this external source we’ve carefully selected for you. "
    "{link}, gain access to complementary information that will enrich your understanding.",
    "For a more complete learning experience, we recommend visiting {link}. You’ll uncover "
    "more pertinent details related to the topic covered.",
    "Access this external content to dive deeper into the subject. {link}, broaden your "
    "understanding of the topic covered.",
]
PROMO_ANCHORS = [
    "Visit this useful source",
    "Explore this external guide",
    "derma roller",
    "microneedling pen",
    "Read this helpful content",
    "best retinol serum",
    "Check out this informative article",
    "skin care routine",
]
LEAD_INS = [
    "Discover different perspectives in the related posts we’ve chosen for you:",
    "Check out the related links for additional information:",
    "Expand your view on this article’s topic with the related posts we’ve selected:",
    "Want to learn more? Explore the related posts we’ve chosen:",
    "Continue your research with the related links we’ve prepared:",
    "Delve into the theme with the suggested related links:",
]
ITEM_ANCHORS = [
    "Dive into this impartial analysis",
    "Delve into this in-depth article",
    "Learn from this helpful research",
    "Explore this external guide",
    "Read this detailed analysis",
    "Investigate this valuable research",
    "Check out this informative guide",
    "Access this helpful study",
    "Discover this interesting guide",
    "Visit this informative resource",
    "Examine this helpful content",
    "Understand more with this helpful link",
]
FARM_HOSTS = [
    "skinfacts-now.com",
    "glowbasics-hub.com",
    "dermaworld-guide.net",
    "beautybytes.info",
    "needlepenreview.net",
    "skinwise-daily.com",
]
PLACEHOLDER_HREFS = [
    "#",
    "",
    "javascript:void(0)",
    "https://example.com/post",
    "http://localhost:8000/draft/",
    "https://shop.example.org/item?id=4",
    "https://preview.test/page",
]
MONEY_LINKS = [
    ("https://cheap-rollers.xyz/?aff=118", "cheap derma roller"),
    ("https://best-pens-deals.com/go/pen-7", "best microneedling pen"),
    ("https://serum-outlet.shop/buy?ref=blog&utm_source=x", "buy vitamin c serum"),
]
