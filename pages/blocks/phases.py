"""Phases with timeframes, validated so that no phase starts before the one before it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from ..timeframes import UNIT_CHOICES, phase_order_errors, timeframe_from
from .basic import INLINE_FEATURES, SectionBlockMixin
from .representation import iso8601, rendering_of, text


class TimeframeBlock(blocks.StructBlock):
    """An amount of time after treatment; leave the value blank for open-ended."""

    value = blocks.IntegerBlock(required=False, min_value=0, max_value=1000)
    unit = blocks.ChoiceBlock(choices=UNIT_CHOICES, default="days")

    class Meta:
        icon = "time"
        form_classname = "timeframe-block"


class PhaseBlock(blocks.StructBlock):
    """One phase of a process, e.g. the inflammatory phase of healing."""

    name = blocks.CharBlock(max_length=120, help_text=_("E.g. 'Inflammatory phase'."))
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("How readers should read the timing, e.g. 'within a few days'."),
    )
    start = TimeframeBlock(help_text=_("When the phase begins after treatment (0 = immediately)."))
    end = TimeframeBlock(
        required=False, help_text=_("When it ends; leave the value blank if it is ongoing.")
    )
    description = blocks.RichTextBlock(features=INLINE_FEATURES)

    def clean(self, value):
        value = super().clean(value)
        if timeframe_from(value.get("start")) is None:
            raise StructBlockValidationError(
                block_errors={
                    "start": ValidationError(_("Say when this phase starts (0 for immediately)."))
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        return {
            "name": text(value.get("name")),
            "label": text(value.get("label")),
            "start": iso8601(value.get("start")),
            "end": iso8601(value.get("end")),
            "description": rendering.render(value.get("description")),
        }


class PhasesBlock(SectionBlockMixin, blocks.StructBlock):
    """Ordered phases with timeframes, shown as a timeline."""

    heading = blocks.CharBlock(max_length=160)
    intro = blocks.RichTextBlock(required=False, features=INLINE_FEATURES)
    items = blocks.ListBlock(PhaseBlock(), min_num=1, label=_("Phases"))

    def clean(self, value):
        value = super().clean(value)
        spans = [
            (timeframe_from(p.get("start")), timeframe_from(p.get("end"))) for p in value["items"]
        ]
        errors = phase_order_errors(spans)
        if errors:
            # The message lands on the offending phase, so the editor sees which one to fix.
            phase_errors = {
                e.index: StructBlockValidationError(
                    non_block_errors=ErrorList([ValidationError(e.message)])
                )
                for e in errors
            }
            raise StructBlockValidationError(
                block_errors={"items": ListBlockValidationError(block_errors=phase_errors)}
            )
        return value

    class Meta:
        icon = "time"
        template = "blocks/phases_block.html"
        label = _("Phases")
        description = _("A timeline of phases, each with when it starts and ends.")
        preview_value = {
            "heading": "Recovery timeline",
            "intro": "",
            "items": [
                {
                    "name": "Inflammatory phase",
                    "label": "straight away",
                    "start": {"value": 0, "unit": "hours"},
                    "end": {"value": 3, "unit": "days"},
                    "description": "<p>Redness and warmth as healing starts.</p>",
                },
                {
                    "name": "Remodelling phase",
                    "label": "over the following months",
                    "start": {"value": 3, "unit": "weeks"},
                    "end": {"value": None, "unit": "months"},
                    "description": "<p>New collagen matures and firms the skin.</p>",
                },
            ],
        }
