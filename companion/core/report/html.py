"""The clinician report as one self-contained, printable HTML page.

Standard library only (plus the pygal chart of :mod:`companion.core.report.chart`):
every style is inline, the chart is inline SVG, and nothing is fetched, so
the file opens offline and can be mailed or printed as it is. The page is
laid out for the printable area both A4 and US Letter share, and the lists
are capped so it stays one page; what is left out is counted, never hidden.
Safety first: red flags from the last screening head the page.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from companion.core.insights.helps import CAVEAT
from companion.core.insights.trends import Change
from companion.core.records import THERAPIES, WeeklyMeasures
from companion.core.report.chart import pain_chart_svg
from companion.core.report.model import ClinicianReport
from companion.core.report.programme import programme_html
from companion.core.screening.urgency import flag_lines, most_urgent
from companion.core.words import count_of

__all__ = ["MAX_HELPS", "MAX_MEASURES", "MAX_NOTES", "NOTE_CHARS", "render_html"]

MAX_HELPS = 6
"""With/without rows shown (the strongest either way are kept)."""
MAX_MEASURES = 5
"""Weekly-measure rows shown: the first and the latest ones."""
MAX_NOTES = 3
"""Notes for the clinician shown: the latest ones."""
NOTE_CHARS = 220
"""A longer note is cut here (the whole note is in the app and the JSON export)."""

_CSS = """
@page { size: auto; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.3 Helvetica, Arial, sans-serif; color: #111; margin: 0; background: #fff; }
main { max-width: 186mm; margin: 0 auto; padding: 6mm 0; }
@media print { main { padding: 0; } body { font-size: 9pt; } }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 10pt; margin: 2.5mm 0 1mm; border-bottom: 1px solid #999; }
p { margin: 0.5mm 0; }
.sub { color: #444; }
.flag { border: 2px solid #111; padding: 1.5mm 2.5mm; margin: 2mm 0; }
.flag.emergency, .flag.same-day { border-width: 3px; }
.flag b { text-transform: uppercase; }
.numbers { display: flex; gap: 2mm; margin: 2mm 0; }
.numbers div { flex: 1; border: 1px solid #bbb; padding: 1mm 2mm; }
.numbers strong { font-size: 13pt; display: block; }
.change { margin: 1mm 0; }
svg { width: 100%; height: auto; display: block; }
.cols { display: flex; gap: 5mm; }
.cols > section { flex: 1; min-width: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3mm 1.5mm 0.3mm 0; vertical-align: top; }
th { font-weight: 600; border-bottom: 1px solid #bbb; }
td.n, th.n { text-align: right; }
.muted { color: #555; font-size: 8pt; }
.note { margin: 0.8mm 0; }
"""


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _screening(report: ClinicianReport) -> str:
    screening = report.screening
    if screening is None:
        return '<p class="flag">No safety screening recorded in the app.</p>'
    when = _day(screening.at.date())
    if not screening.red_flags:
        return f'<p class="flag">Safety screening on {when}: no red flags reported.</p>'
    items = "".join(f"<li>{escape(line)}</li>" for _level, line in flag_lines(screening.red_flags))
    kind = most_urgent(f.urgency for f in screening.red_flags) or "prompt"
    partial = " (stopped part-way)" if screening.partial else ""
    return (
        f'<div class="flag {kind}"><p>Red flags reported at the safety screening on '
        f"{when}{partial}:</p><ul>{items}</ul></div>"
    )


def _verdicts(report: ClinicianReport) -> str:
    screening = report.screening
    if screening is None or not screening.verdicts:
        return ""
    order = [t for t in THERAPIES if t in screening.verdicts]
    order += sorted(set(screening.verdicts) - set(order))
    parts = [f"{escape(t)}: <b>{escape(screening.verdicts[t])}</b>" for t in order]
    return f"<p>Self-treatment verdicts from that screening: {' · '.join(parts)}.</p>"


def _numbers(report: ClinicianReport) -> str:
    cells = [
        (
            "Check-ins",
            str(report.checkin_count),
            f"on {report.days_with_checkins} of {report.days} days",
        ),
        ("Mean pain", _one(report.mean_pain), "0–10, all check-ins"),
        ("Leg pain", _one(report.mean_leg), f"mean of {report.leg_count} scores"),
        ("Back pain", _one(report.mean_back), f"mean of {report.back_count} scores"),
    ]
    return (
        '<div class="numbers">'
        + "".join(
            f'<div>{label}<strong>{value}</strong><span class="muted">{escape(note)}</span></div>'
            for label, value, note in cells
        )
        + "</div>"
    )


def _qualities(report: ClinicianReport) -> str:
    """One paragraph: what the pain felt like, sleep and sitting (if any were given)."""
    qualities = report.qualities
    if qualities is None or not qualities.any:
        return ""
    parts = []
    if qualities.descriptors:
        words = ", ".join(f"{escape(word)} {count}" for word, count in qualities.descriptors)
        parts.append(f"Pain described as: {words} (of {qualities.checkins} check-ins).")
    if qualities.mean_sleep is not None:
        parts.append(
            f"Pain's interference with sleep: mean {qualities.mean_sleep:.1f}/10 "
            f"over {count_of(qualities.sleep_count, 'night')}."
        )
    if qualities.sitting:
        low, high, latest = min(qualities.sitting), max(qualities.sitting), qualities.sitting[-1]
        span = f"{low} minutes" if low == high else f"{low}–{high} minutes, latest {latest}"
        parts.append(f"Sitting tolerance: {span} ({count_of(len(qualities.sitting), 'answer')}).")
    scale = (
        '<p class="muted">Sleep: the Daily Sleep Interference Scale, 0 (pain did not '
        "interfere) to 10 (could not sleep for pain).</p>"
        if qualities.sleep_count
        else ""
    )
    return f"<p>{' '.join(parts)}</p>{scale}"


def _short_change(change: Change, what: str) -> str:
    """``Leg pain 7.1 → 4.2 (-2.9, improving)``, or why there is no call."""
    if change.difference is None:
        return f"{what}: not enough days to compare"
    return (
        f"{what} {change.baseline:.1f} → {change.recent:.1f} "
        f"({change.difference:+.1f}, {change.verdict})"
    )


def _changes(report: ClinicianReport) -> str:
    others = "; ".join(
        _short_change(change, what)
        for change, what in ((report.leg_change, "Leg pain"), (report.back_change, "Back pain"))
    )
    return (
        f'<p class="change"><b>{escape(report.change.describe("pain"))}</b></p>'
        f'<p class="change">{escape(others)}.</p>'
        '<p class="muted">Clinically important: a change of 2 points or 30% or more '
        "(Farrar et al. 2001), first week with check-ins against the last 7 days.</p>"
    )


def _measure_row(entry: WeeklyMeasures) -> str:
    peg = "/".join(str(v) for v in entry.peg)
    sbi = "/".join(str(v) for v in entry.sbi)
    return (
        f"<tr><td>{_day(entry.at.date())}</td><td class='n'>{entry.peg_score:.1f}</td>"
        f"<td class='muted'>{peg}</td><td class='n'>{entry.sbi_total}</td>"
        f"<td class='muted'>{sbi}</td></tr>"
    )


def _measures(report: ClinicianReport) -> str:
    rows = list(report.measures)
    head = "<h2>Weekly measures</h2>"
    if not rows:
        return head + "<p>None answered in this period.</p>"
    shown = rows if len(rows) <= MAX_MEASURES else [rows[0], *rows[-(MAX_MEASURES - 1) :]]
    left_out = len(rows) - len(shown)
    body = "".join(_measure_row(entry) for entry in shown)
    between = "1 week between is" if left_out == 1 else f"{left_out} weeks between are"
    more = f'<p class="muted">{between} not shown.</p>' if left_out else ""
    return (
        head + "<table><tr><th>Answered</th><th class='n'>PEG</th><th>items</th>"
        "<th class='n'>SBI</th><th>items</th></tr>"
        + body
        + "</table>"
        + more
        + '<p class="muted">PEG (Krebs 2009): pain, enjoyment, activity, 0–10; score = mean. '
        "SBI (Patrick 1995): leg pain, numbness, weakness, sitting, 0–6; total 0–24.</p>"
    )


def _sessions(report: ClinicianReport) -> str:
    stopped = f", {report.sessions_stopped} stopped early" if report.sessions_stopped else ""
    return (
        "<h2>Stretch sessions</h2>"
        f"<p><b>{report.sessions_done}</b> done of a target of {report.sessions_target} "
        f"({report.daily_target} a day over {report.tracked_days} days){stopped}. "
        f"Target met on {report.days_target_met} of {report.tracked_days} days. "
        "A hold skipped is never counted as done.</p>" + _inversion(report)
    )


def _inversion(report: ClinicianReport) -> str:
    if not report.inversion_done and not report.inversion_stopped:
        return ""
    stopped = f", {report.inversion_stopped} stopped early" if report.inversion_stopped else ""
    return (
        "<h2>Inversion sessions</h2>"
        f"<p><b>{report.inversion_done}</b> done{stopped} (reported apart from stretches).</p>"
    )


def _helps(report: ClinicianReport) -> str:
    head = "<h2>What seems to help</h2>"
    rows = list(report.helps)
    if not rows:
        return head + (
            "<p>Nothing to compare yet: each habit needs at least 3 days with it and 3 without.</p>"
        )
    if len(rows) > MAX_HELPS:
        half = MAX_HELPS // 2
        rows = rows[:half] + rows[-(MAX_HELPS - half) :]
    rows = [a for a in rows if a.factor.kind != "trigger"] + [
        a for a in rows if a.factor.kind == "trigger"
    ]
    body = ""
    for a in rows:
        if a.factor.kind == "trigger" and "Triggers" not in body:
            body += (
                "<tr><th colspan='4'>Triggers (what the patient said set the pain off)</th></tr>"
            )
        body += (
            f"<tr><td>{escape(a.factor.label)} <span class='muted'>{a.factor.kind}</span></td>"
            f"<td class='n'>{a.mean_with:.1f}</td><td class='n'>{a.mean_without:.1f}</td>"
            f"<td class='n'>{a.days_with}/{a.days_without}</td></tr>"
        )
    more = len(report.helps) - len(rows)
    more_text = f" {more} more in the app." if more else ""
    return (
        head + "<table><tr><th>Mean daily pain on days…</th><th class='n'>with</th>"
        "<th class='n'>without</th><th class='n'>days</th></tr>"
        + body
        + f'</table><p class="muted">{escape(CAVEAT)}{more_text}</p>'
    )


def _notes(report: ClinicianReport) -> str:
    head = "<h2>Notes the patient marked for you</h2>"
    notes = list(report.notes)
    if not notes:
        return head + "<p>None in this period.</p>"
    shown = notes[-MAX_NOTES:]
    items = []
    for entry in shown:
        text = " ".join(entry.note.split())
        cut = len(text) > NOTE_CHARS
        text = text[:NOTE_CHARS].rstrip() + "…" if cut else text
        items.append(
            f'<p class="note"><b>{_day(entry.at.date())}, pain {entry.pain}:</b> {escape(text)}</p>'
        )
    earlier = len(notes) - len(shown)
    plural = "note" if earlier == 1 else "notes"
    more = f'<p class="muted">{earlier} earlier {plural} not shown.</p>' if earlier else ""
    return head + "".join(items) + more


def render_html(report: ClinicianReport) -> str:
    """The whole page."""
    period = f"{_day(report.start)} – {_day(report.end)} ({report.days} days)"
    generated: datetime = report.generated_at
    chart = (
        pain_chart_svg(report)
        if report.points
        else "<p>No check-ins in this period, so there is nothing to draw.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pain diary summary, {escape(period)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Pain diary summary</h1>
<p class="sub">{escape(period)} · self-reported in the Companion app, a self-care diary
for sciatica and low back pain · made {_day(generated.date())}. Pain is rated 0 (none)
to 10 (worst imaginable); days are the patient's local days. A diary, not a diagnosis.</p>
</header>
{_screening(report)}
{_verdicts(report)}
{_numbers(report)}
{_changes(report)}
{_qualities(report)}
<h2>Pain by day</h2>
{chart}
<div class="cols">
<section>{_measures(report)}{_sessions(report)}</section>
<section>{_helps(report)}</section>
</div>
{"" if report.programme is None else programme_html(report.programme)}
{_notes(report)}
</main>
</body>
</html>
"""
