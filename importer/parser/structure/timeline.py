"""Phase runs (labelled items or timeframe headings) into one PhasesBlock."""

from __future__ import annotations

from importer.parser import phases as tf
from importer.parser.lines import BodyLine
from importer.parser.model import Phase
from importer.parser.structure.markup import p_html


class TimelineSections:
    """Builder steps for phases."""

    def phase_items(self, i: int) -> int:
        """'Inflammatory Phase: Promptly after ...' items, or timeframe-labelled items."""
        run: list[tuple[BodyLine, Phase]] = []
        j = i
        while j < len(self.lines) and self.lines[j].kind in ("item", "para"):
            line = self.lines[j]
            split = line.label_rest()
            if not split:
                break
            label, rest = split
            if tf.has_timeframe(label):
                name, when = tf.split_phase_heading(label)
                if name == label:
                    name = when = label
            elif tf.PHASE_WORD_RE.search(label):
                name, when = label, tf.timing_clause(rest)
            else:
                break
            start, end = tf.parse_timeframe(when) if when else (None, None)
            run.append((line, Phase(name, when, start, end, rest)))
            j += 1
        if len(run) < 2:
            return 0
        self.emit_phases([p for _line, p in run], [line.text for line, _p in run])
        return j - i

    def phase_headings(self, i: int) -> int:
        """Headings such as 'Days 1–2:' or 'Inflammatory Phase (Days 1–3)', each with text."""
        run, j = [], i
        while j < len(self.lines):
            head = self.lines[j]
            is_head = head.kind == "heading" or (
                head.number is not None and len(head.text.split()) <= 8
            )
            if not is_head or not (
                tf.has_timeframe(head.stripped)
                or tf.IMMEDIATE_RE.search(head.stripped)
                or (tf.PHASE_WORD_RE.search(head.text) and len(head.text.split()) <= 8)
            ):
                break
            k = j + 1
            while (
                k < len(self.lines)
                and self.lines[k].kind != "heading"
                and not (
                    self.lines[k].number is not None and tf.has_timeframe(self.lines[k].stripped)
                )
            ):
                k += 1
            body = self.lines[j + 1 : k]
            if not body:
                break
            name, label = tf.split_phase_heading(head.text)
            description = " ".join(b.text for b in body)
            if not label:
                label = tf.timing_clause(description)
            start, end = tf.parse_timeframe(label) if label else (None, None)
            run.append((head, body, Phase(name, label, start, end, description)))
            j = k
        if len(run) < 2 or not any(p.start for _h, _b, p in run):
            return 0
        texts = [t for head, body, _p in run for t in (head.text, *(b.text for b in body))]
        self.emit_phases([p for _h, _b, p in run], texts)
        return j - i

    def emit_phases(self, found: list[Phase], texts: list[str]) -> None:
        heading, intro = self.take_block_heading("Timeline")
        settled, notes = tf.settle(found)
        self.out.notes.extend(("phase_timing", note) for note in notes)
        items = []
        for phase in settled:
            self.out.phases.append(phase)
            items.append(
                self.item(
                    {
                        "name": phase.name[:120],
                        "label": phase.label[:120],
                        "start": phase.start,
                        "end": phase.end,
                        "description": p_html(phase.description),
                    }
                )
            )
        self.out.body_text.extend(texts)
        self.block("phases", {"heading": heading, "intro": intro, "items": items})
