"""The word classes the reader and every critique rule family share: verbs, nouns, number
words and units.

The critique is rule-based on purpose: every judgement can be traced to a word class below,
and each class comes from the OKR method (outcome vs output vs task vs health metric), not
from any particular set of examples. All expressions are compiled once at import and use
bounded quantifiers only, so critiquing a key result stays linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "was", "were", "been", "being"),
    "begin": ("began", "begun"),
    "bring": ("brought",),
    "build": ("built",),
    "do": ("does", "did", "done"),
    "find": ("found",),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "grow": ("grew", "grown"),
    "have": ("has", "had"),
    "hold": ("held",),
    "keep": ("kept",),
    "lead": ("led",),
    "make": ("made",),
    "meet": ("met",),
    "rewrite": ("rewrote", "rewritten"),
    "run": ("ran",),
    "sell": ("sold",),
    "send": ("sent",),
    "speak": ("spoke", "spoken"),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "win": ("won",),
    "write": ("wrote", "written"),
}

_VOWELS = "aeiou"


def _forms(base: str) -> set[str]:
    """Return the inflected forms of a verb; over-generating is harmless for matching."""
    forms = {base, *_IRREGULAR.get(base, ())}
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    else:
        forms.add(base + "s")
    if base.endswith("ee"):
        forms |= {base + "d", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        short = len(base) >= 3 and base[-1] not in _VOWELS + "wxy"
        if short and base[-2] in _VOWELS and base[-3] not in _VOWELS:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def verb_forms(bases: Iterable[str]) -> frozenset[str]:
    """All forms of the given verbs (base, -s, -ed, -ing and irregular forms)."""
    return frozenset(form for base in bases for form in _forms(base))


def words_of(text: str) -> frozenset[str]:
    """A word class from a space-separated list, so long lists stay readable."""
    return frozenset(text.split())


# --- Verb classes -------------------------------------------------------------------------

# Verbs that move a metric: the heart of an outcome key result ("reduce churn from 5% to 3%").
CHANGE_BASES = words_of(
    "increase grow raise reduce decrease lower cut improve boost double triple halve lift "
    "expand shrink shorten speed accelerate minimise minimize maximise maximize drop slash "
    "enhance decline eliminate"
)

# Verbs that reach or win a level of a result: outcome when what they count is a result.
ATTAIN_BASES = words_of(
    "reach achieve attain hit get gain generate acquire win earn attract land obtain have "
    "secure partner form book engage convert be see receive exceed surpass sign bring"
)

# Verbs for the team's own work: a task when done once, an output when counted.
ACTIVITY_BASES = words_of(
    "launch complete finish build create implement deliver write ship migrate set introduce "
    "define decide document design redesign determine describe establish fix add enable "
    "support update replace release deploy validate test hire compile identify prioritize "
    "prioritise conduct start begin measure track gather research investigate explore expose "
    "make push work agree nail provide change scale draft plan prepare organize organise "
    "integrate automate refactor rewrite move port remove deprecate publish tackle curate "
    "produce post hold host run do perform speak present give offer send distribute train "
    "onboard recruit schedule provision merge record film interview attend submit translate "
    "review triage close resolve install upgrade configure audit analyse analyze assess "
    "evaluate study survey map outline specify formalize formalise standardize standardise "
    "clean finalize finalise adopt roll pilot prototype draft announce communicate share "
    "collect run mentor coach visit invite contact call email tweet blog setup assign "
    "reorganize reorganise consolidate unify simplify rework revamp refresh rebuild take capture"
)

# Activities whose counted noun is the recipient, never the result ("offer 6 companies ...").
RECIPIENT_BASES = words_of(
    "hire recruit onboard train offer send distribute deliver give present speak mentor coach "
    "interview survey contact call email visit invite test"
)

# Activities that make the thing they act on: what they count is a deliverable, even a noun
# that elsewhere names a result ("ship 3 projects" against "20 projects adopt it").
MAKING_BASES = words_of(
    "build create write ship publish produce release develop design implement prototype draft "
    "complete finish"
)

CHANGE_VERBS = verb_forms(CHANGE_BASES)
MAKING_VERBS = verb_forms(MAKING_BASES)
ATTAIN_VERBS = verb_forms(ATTAIN_BASES)
ACTIVITY_VERBS = verb_forms(ACTIVITY_BASES)
RECIPIENT_VERBS = verb_forms(RECIPIENT_BASES)
ACTIVITY_PARTICIPLES = frozenset(
    form for form in ACTIVITY_VERBS if form.endswith(("ed", "en", "ne", "lt", "ld", "de", "te"))
)

# Words that may precede the verb of a key result without changing what it asks for.
LEAD_FILLERS = words_of(
    "we i you they our team will shall must should can to also then first finally "
    "successfully fully help"
)

# --- Noun classes -------------------------------------------------------------------------

# Things the team runs or attends: counting them measures effort.
EVENT_NOUNS = words_of(
    "webinar webinars meetup meetups meeting meetings workshop workshops conference "
    "conferences conf confs talk talks session sessions demo demos briefing briefings call "
    "calls interview interviews event events hackathon hackathons training trainings course "
    "courses class classes presentation presentations activities activity experiments "
    "experiment panel panels booth booths lunch lunches bootcamp bootcamps review reviews "
    "retro retros retrospective retrospectives standup standups stand-up stand-ups sync syncs"
)

# Things the team produces.
CONTENT_NOUNS = words_of(
    "post posts blog blogs article articles video videos tutorial tutorials guide guides "
    "document documents doc docs page pages study studies newsletter newsletters paper papers "
    "ebook ebooks whitepaper whitepapers episode episodes podcast podcasts screencast "
    "screencasts template templates example examples sample samples email emails campaign "
    "campaigns ad ads report reports translation translations feature features pr prs patch "
    "patches commit commits fix fixes node nodes server servers machine machines test tests "
    "integration integrations plugin plugins endpoint endpoints module modules component "
    "components workload workloads service services repository repositories repo repos app apps "
    "pipeline pipelines prototype prototypes mock mocks mockup mockups dashboard dashboards tool tools "
    "type types schema schemas release releases version versions times change changes "
    "changelist changelists cl cls snapshot snapshots improvement improvements lesson lessons "
    "chapter chapters recording recordings spec specs proposal proposals story stories "
    "livestream livestreams case-study case-studies"
)

# Roles the team hires or staffs: counting them counts the team's own growth (an output).
STAFF_NOUNS = words_of(
    "engineer engineers designer designers pm pms recruiter recruiters hire hires intern "
    "interns sre sres marketer marketers analyst analysts scientist scientists headcount fte "
    "ftes employee employees staff manager managers advocate advocates writer writers "
    "salespeople salesperson sdr sdrs ae aes"
)

# Work only the team itself makes: landing or getting it is still the team's output.
CODE_WORK = words_of(
    "change changes changelist changelists cl cls pr prs patch patches commit commits fix "
    "fixes feature features"
)

# Results gained from others: customers, deals, community. Counting them measures an outcome.
OUTCOME_NOUNS = words_of(
    "customer customers client clients user users subscriber subscribers member members "
    "attendee attendees participant participants "
    "contributor contributors collaborator collaborators partner partners partnership "
    "partnerships researcher researchers company companies organisation organisations "
    "organization organizations org orgs account accounts logo logos deal deals lead leads "
    "mql mqls sql sqls opportunity opportunities signup signups sign-up sign-ups registrant "
    "registrants registration registrations follower followers reader readers viewer viewers "
    "view views visit visits visitor visitors download downloads install installs upload "
    "uploads mention mentions citation citations star stars adopter adopters sponsor sponsors "
    "donor donors backer backers developer developers teams projects revenue sales orders "
    "bookings referrals"
)

# People as the subject of a key result: their behaviour is an outcome.
PEOPLE_NOUNS = words_of(
    "user users customer customers developer developers everyone anyone everybody anybody "
    "people member members contributor contributors engineer engineers teammate teammates "
    "employee employees staff candidate candidates visitor visitors reader readers client "
    "clients maintainers newcomers"
)

# Nouns that name a quantity, so a key result about them can be checked.
METRIC_NOUNS = words_of(
    "performance perf speed latency throughput uptime downtime availability error errors bug "
    "bugs issue issues regression regressions failure failures crash crashes incident "
    "incidents outage outages coverage conversion retention churn revenue cost costs time "
    "times rate rates ratio count number # usage adoption traffic views visits visitors "
    "downloads users customers signups sign-ups leads nps csat score satisfaction efficiency "
    "utilization utilisation memory size load duration delay backlog velocity percentage "
    "share proportion frequency mttr complaints escalations tickets returns refunds"
)

# Verbs whose subject is the market, not the team: "get featured", "is cited", "adopted by".
RECEPTION_BASES = words_of(
    "feature mention cite adopt use recommend choose select accept download install star "
    "cover quote reference endorse prefer love trust pick fund sponsor follow rate"
)
RECEPTION_PARTICIPLES = frozenset(
    form for form in verb_forms(RECEPTION_BASES) if form.endswith(("ed", "en"))
) | {"chosen"}

# Results the team moves along but the customer decides: "move deals to Closed Won".
BUSINESS_RESULTS = words_of(
    "deal deals lead leads opportunity opportunities pipeline revenue sales bookings order "
    "orders contract contracts renewal renewals upsell upsells arr mrr"
)

# Things the team makes: "a dashboard that ...", "a system to keep this updated".
ARTEFACT_NOUNS = CONTENT_NOUNS | words_of(
    "system systems tool process plan policy framework mechanism workflow way place program "
    "programme roadmap strategy checklist playbook library api flow script bot suite "
    "benchmark harness cli sdk portal wiki handbook channel model database site website"
)

# Abstract qualities with no named measure ("awareness", "communication").
ABSTRACT_NOUNS = words_of(
    "awareness diversity communication communications usability experience knowledge "
    "understanding skills skill culture collaboration morale trust visibility "
    "discoverability scalability alignment transparency brand reputation presence innovation "
    "ownership effectiveness quality clarity"
)

# Nouns ending in -ity that still name a quantity.
MEASURED_ITY = words_of("velocity capacity quantity availability activity density")

# --- Words around numbers -----------------------------------------------------------------

# Number words, magnitudes and units live in okrcore.reading.numbers_in_text, once.
# Words that multiply a metric without a number ("double sign-ups", "twice as fast").
MULTIPLIER_WORDS = words_of(
    "double doubles doubled doubling twice triple triples tripled tripling quadruple "
    "quadruples quadrupled tenfold twofold threefold halve halves halved half"
)
RATE_MARKERS = words_of("per each every /")
COMPARATORS = words_of(
    "<> ≤≥ < > <= >= ~ under below above over least most than less fewer more within exceed exceeds"
)

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_WORDS = words_of(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december"
)
PERIOD_PATTERN = r"(?:quarter|year|month|week|sprint|cycle|half|semester|period)"

# Words that describe a quality: an outcome, even when nothing is measured yet.
QUALITY_CUE = re.compile(
    r"\b(?:more|better|faster|quicker|easier|simpler|smoother|happier|quick|fast|easy|easily|"
    r"smooth|seamless|diverse|on[\s-]time|reliable|reliably|frictionless|painless|"
    r"effortless|delightful)\b"
)

# Explicit comparisons name a quantity ("as fast as simple text", "twice as fast").
# "faster than the ones they replaced", "in less time than before"; not "rather than",
# "other than", "as well as" or "as soon as", which compare nothing.
COMPARISON = re.compile(
    r"\bas\s+(?!well\b|soon\b|long\b|far\b|such\b)(?:\w+\s+)?\w+\s+as\b"
    r"|\b(?!rather\b|other\b|whether\b|either\b|neither\b|together\b)(?:\w+er|less|more|fewer)"
    r"\s+(?:\w+\s+){0,2}?than\b"
)

# Verb roles, as the word that governs a quantity or opens a key result.
CHANGE, ATTAIN, ACTIVITY, RECIPIENT = "change", "attain", "activity", "recipient"


def verb_role(word: str) -> str | None:
    """The role of a word as a verb, if it is one of the known verbs."""
    if word in CHANGE_VERBS:
        return CHANGE
    if word in RECIPIENT_VERBS:
        return RECIPIENT
    if word in ACTIVITY_VERBS:
        return ACTIVITY
    if word in ATTAIN_VERBS:
        return ATTAIN
    return None
