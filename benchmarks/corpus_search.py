"""Text for the search benchmark: words drawn from a Zipf distribution, as in real prose.

corpus_api's sixty words make every query match nearly every post, which says nothing
about a search engine. Here a few hundred topic words and a long tail of rarer words (made
up from syllables, so they are stable across runs) are drawn with weight 1/rank: common
words match many posts, topic words some, tail words few.
"""

from __future__ import annotations

import itertools
import random

TOPIC = (  # noqa: SIM905 - prose, easier to edit as a string
    "skin barrier collagen elastin microneedling serum retinol niacinamide hydration redness "
    "texture pores scarring pigmentation sunscreen cleanser moisturiser ceramides peptides "
    "inflammation healing session needle depth clinic esthetician dermatologist routine "
    "gentle results weeks evidence study patients treatment aftercare irritation tone "
    "firmness fibroblasts channels repair sterile cartridge roller pen settings acne rosacea "
    "melasma eczema psoriasis keratosis hyperpigmentation wrinkles lines laxity sagging "
    "dryness oiliness sebum blackheads whiteheads comedones exfoliation peel glycolic "
    "salicylic lactic azelaic tranexamic vitamin ascorbic tocopherol hyaluronic squalane "
    "panthenol centella allantoin zinc oxide titanium dioxide spf broad spectrum uva uvb "
    "photoaging sunburn tanning laser radiofrequency ultrasound dermaplaning microdermabrasion "
    "botox fillers chemical mechanical enzyme mask toner essence ampoule cream lotion balm oil "
    "gel foam device battery cordless adjustable speed titanium stainless disposable tips "
    "sterilise sanitise alcohol infection swelling bruising downtime numbing anaesthetic "
    "consultation contraindications pregnancy isotretinoin antibiotics allergy patch test "
    "sensitive combination mature teenage oily dry normal type fitzpatrick scale melanin "
    "keloid stretch marks cellulite scalp hair loss growth minoxidil platelet plasma prp "
    "serum absorption penetration transdermal delivery molecules stratum corneum epidermis "
    "dermis collagenase matrix remodelling proliferative phase wound closure tissue"
).split()
COMMON = (  # noqa: SIM905
    "the of and to in is for with on that your this are as can be it or from after before "
    "more most how what when why which who will may also should not use using used one two "
    "three each every some many most best better good new first last long short time day"
).split()
SYLLABLES = (  # noqa: SIM905
    "ka lo mi re su ta ne vo pi da fe ri mo sa lu te ga bo ni ze ra vi ko de ma pu li so ne"
).split()
TAIL_WORDS = 20_000

AUTHOR_NAMES = (
    "Nadia Ferreira", "Colette Marsh", "Amara Okafor", "Lena Hartmann", "Priya Raman",
    "Sofia Lindqvist", "Hannah Cole", "Yuki Tanaka", "Maya Brennan", "Ines Duarte",
    "Olivia Grant", "Zara Malik",
)  # fmt: skip
TAGS = (
    "microneedling", "collagen", "acne scars", "aftercare", "home devices", "serums",
    "sunscreen", "pigmentation", "rosacea", "retinoids", "hydration", "barrier repair",
    "reviews", "clinic treatments", "sensitive skin", "ageing", "texture", "evidence",
    "melasma", "chemical peels", "laser", "hair loss", "eczema", "vitamin c",
)  # fmt: skip


def _tail(count: int) -> list[str]:
    words = ("".join(p) for n in (3, 4) for p in itertools.product(SYLLABLES, repeat=n))
    return list(itertools.islice(dict.fromkeys(words), count))


class Prose:
    """Seeded word source: titles lean on topic words, bodies follow the whole distribution."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        vocabulary = [*COMMON, *TOPIC, *_tail(TAIL_WORDS)]
        self.words = vocabulary
        self.cum = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))

    def sentence(self, words: int) -> str:
        text = " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence(self.rng.randint(10, 20)) for _ in range(4))

    def title(self) -> str:
        words = self.rng.sample(TOPIC, self.rng.randint(3, 6))
        return " ".join(words).capitalize()
