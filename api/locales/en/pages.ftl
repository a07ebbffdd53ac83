# The pages' words. Plurals select on a count ($count) and show it formatted for the locale ($countShown).
site-name = Migration Network Hub
site-tagline = Practices, tools and exchanges of the GCM
skip-to-content = Skip to content
nav-site = Site
nav-explore = Explore
nav-calls = Calls
nav-coverage = Coverage
nav-priorities = Priorities
nav-api = API
nav-languages = Languages
footer-text = Published content of the UN Network on Migration’s hub for the Global Compact for Safe, Orderly and Regular Migration.
footer-api = Everything here is also in the GraphQL API.
language-ar = العربية
language-zh = 中文
language-en = English
language-fr = Français
language-ru = Русский
language-es = Español
language-pt = Português
error-400 = This address asks for something the hub cannot show
error-404 = Nothing published here
error-429 = Too many requests
error-503 = The hub is busy
error-other = Something went wrong
error-code = Error code:
error-back = Back to the explorer
breadcrumbs = Breadcrumbs
yes = Yes
no = No
# The explorer
explore-title = Explore
explore-title-query = “{ $query }”
explore-heading = Explore the hub
search-label = Search practices, guidance tools and peer exchanges
search-placeholder = e.g. alternatives to detention, remittances, Mexico
search-button = Search
search-failed = The search failed.
search-offline = The search could not be run. Check the connection and try again.
searching = Searching…
years = Years
years-from = From
years-to = to
records = { $count ->
    [one] { $countShown } record
   *[other] { $countShown } records
}
export-csv = Export CSV
export-ndjson = Export NDJSON
filters = Filters
filters-in-force = Filters in force
remove = (remove)
clear-all = Clear all
clear-all-long = Clear the search and all filters
results = Results
no-match = No published record matches
no-match-hint = Check the spelling, use fewer words, or remove a filter.
featured-collections = Featured collections
facet-all = All { $countShown }
facet-type = Type
facet-objective = GCM objective
facet-principle = Guiding principle
facet-region = Region
facet-country = Country
facet-theme = Theme
facet-call = Call for practices
facet-year = Year
facet-language = Language
facet-objective-plural = GCM objectives
facet-principle-plural = Guiding principles
facet-theme-plural = Themes
facet-region-plural = Regions
facet-country-plural = Countries
pages = Pages
previous = ← Previous
next = Next →
page-of = Page { $pageShown } of { $pagesShown }
types-practice = Promising practices
types-guidance_tool = Guidance tools
types-peer_exchange = Peer exchanges
types-call = Calls for practices
types-collection = Collections
types-review_submission = Regional review submissions
# Calls
calls-title = Calls for practices
calls-lead = The UN Network on Migration invites Member States and stakeholders to share their practices on a theme. Practices answering a call are reviewed like every other, and published in the Repository.
calls-open = Open calls
calls-open-none = No call is taking answers at the moment.
calls-upcoming = Upcoming calls
calls-upcoming-none = No call is announced yet.
calls-closed = Closed calls
calls-closed-none = No call has closed yet.
call-dates = { $opens } – { $deadline } (end of day, { $zone })
call-deadline = { $deadline } (end of day, { $zone })
call-open-until = takes answers until { $deadline }
call-opens-on = opens on { $opens }
call-closed-early = closed early, on { $date }
call-closed-on = closed on { $date }
call-criteria = Criteria
call-about = About the call
call-opens = Opens
call-deadline-label = Deadline
call-contact = Contact
call-answers = Published answers
call-answers-none = No answer to this call is published yet.
objective-number = Objective { $count }
published-answers = { $count ->
    [one] { $countShown } published answer
   *[other] { $countShown } published answers
}
# Records
record-unknown = No published { $type } has the address “{ $address }”.
collections = Collections
classification = Classification
published = Published
last-updated = Last updated
translations = Translations
only-in = Only in { $language }.
practice-description = Description
practice-implementation = Implementation
practice-results = Results
practice-lessons = Lessons learned
practice-enabling = Enabling factors
practice-challenges = Challenges
practice-replicability = Replicability
practice-about = About the practice
practice-main-implementer = Main implementer
practice-partners = Partners
practice-submitted-by = Submitted by
practice-level = Geographic level
practice-started = Started
practice-ended = Ended
practice-completion = Completion
practice-call = Answers the call
resources = Resources
collection-about = About the collection
collection-curated-by = Curated by { $curator }
collection-items = In this collection
collection-empty = Nothing published is in this collection yet.
submission-about = About the submission
regional-review = Regional review
region = Region
submission-submitted-on = Submitted on
submission-read = Read the submission
submission-reports = What it reports on the objectives
submission-reports-col = Reports
submission-words = In its words
objective = Objective
tool-about = About the tool
tool-kind = Kind
tool-publisher = Publisher
working-group = Working group
tool-published-on = Published on
tool-audience = Target audience
tool-scope = Geographic scope
tool-read = Read it
exchange-outcomes = Outcomes
exchange-about = About the exchange
exchange-series = Series
exchange-series-number = { $series }, no. { $numberShown }
exchange-format = Format
exchange-starts = Starts
exchange-ends = Ends
exchange-organized-by = Organized by
exchange-participation = Participation
exchange-chatham = Chatham House rule
exchange-cohost-countries = Co-host countries
exchange-cohost-organizations = Co-host organizations
exchange-practices = Practices discussed
exchange-tools = Guidance tools
related = Related records
related-unavailable = Related records cannot be found right now; try again later.
# Coverage
coverage-title = Coverage of the Compact
coverage-total = { $count ->
    [one] { $countShown } published record among: { $types }.
   *[other] { $countShown } published records among: { $types }.
}
coverage-total-matching = { $count ->
    [one] { $countShown } published record among: { $types }, matching { $filters }.
   *[other] { $countShown } published records among: { $types }, matching { $filters }.
}
coverage-from = from { $year }
coverage-to = to { $year }
record-types = Record types
remove-filters = Remove the filters
list-these = List these records
coverage-no-text = Coverage counts records by their tags; the text “{ $query }” is not applied here.
coverage-heat-heading = By GCM objective and region
coverage-heat-hint = A record counts once in every pair of objective and region it belongs to. Select a cell to list its records.
as-table = The numbers as a table
coverage-heat-caption = Published records per GCM objective and region
coverage-years-heading = By year
coverage-years-none = No record has a year.
coverage-years-caption = Published records per year
year = Year
records-heading = Records
coverage-countries-heading = By country
coverage-countries-hint = Published records naming each country; select a country for its profile. The table below holds the same numbers.
champion-note = ★ marks the GCM Champion countries.
coverage-countries-caption = Published records per country
country = Country
gcm-champion = ★ GCM Champion
gcm-champion-since = ★ GCM Champion since { $date }
champion = Champion
champion-since = ★ Champion since { $year }
legend = Legend
legend-none = none
map-records = { $count ->
    [one] { $countShown } record
   *[other] { $countShown } records
}
map-records-noun = { $count ->
    [one] record
   *[other] records
}
map-objectives = { $count ->
    [one] { $countShown } objective
   *[other] { $countShown } objectives
}
map-objectives-noun = { $count ->
    [one] objective
   *[other] objectives
}
# Priorities
priorities-title = Priorities and gaps
priorities-lead-all = What the Member States and stakeholders reported to the GCM regional reviews as challenges and priorities, against the practices published on each objective, across all regions. The widest gaps come first.
priorities-lead-region = What the Member States and stakeholders reported to the GCM regional reviews as challenges and priorities, against the practices published on each objective in { $region }. The widest gaps come first.
regions = Regions
all-regions = All regions
priorities-gap-formula = Gap = challenges ÷ (1 + practices), divided by the widest gap: 1 is the widest, 0 means no submission reports the objective as a challenge or a priority.
priorities-by-gap = Objectives by gap
priorities-across = Priorities that straddle regions
priorities-across-none = No objective is reported as a challenge or a priority in { $regionsShown } regions or more.
priorities-across-hint = Objectives reported as a challenge or a priority in at least { $regionsShown } regions.
priorities-across-counts = { $regions ->
    [one] { $regionsShown } region
   *[other] { $regionsShown } regions
}, { $submissions ->
    [one] { $submissionsShown } submission
   *[other] { $submissionsShown } submissions
}
priorities-challenges-reported = ◀ challenges reported
priorities-practices-published = practices published ▶
priorities-bar-title = { $challengesShown } challenges reported, { $practicesShown } practices published
priorities-map-heading = Challenges reported, by country
priorities-map-hint = How many objectives each country’s submissions report as a challenge or a priority; select a country for its profile.
priorities-objectives-raised = Objectives raised
priorities-table-caption = The numbers of the chart
col-challenges = Challenges
col-progress = Progress
col-practices = Practices
col-tools = Tools
col-exchanges = Exchanges
col-gap = Gap
# Country profiles
country-unknown = The hub knows no country with the code “{ $code }”.
countries = Countries
country-practices = Practices
country-practices-none = No published practice names this country yet.
country-practices-all = All { $countShown } practices
country-submissions = Submissions to the regional reviews
country-submissions-none = No published submission names this country.
country-peers = Whom to learn from
country-by-objective = By GCM objective
country-by-objective-none = Nothing is published on this country, and it reported nothing to the regional reviews.
country-by-objective-hint = Bars: published records naming the country. Marks: what its submissions reported (▲ challenge, ◆ priority, ● progress).
country-table-caption = Records and reports per objective
peers-unavailable = Peer matches cannot be shown right now.
peers-none = No match: the country reported no challenge that another country’s published practices answer.
peers-score = score { $score }
