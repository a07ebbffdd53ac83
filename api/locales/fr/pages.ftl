site-name = Plateforme du Réseau sur les migrations
site-tagline = Pratiques, outils et échanges du Pacte mondial
skip-to-content = Aller au contenu
nav-site = Site
nav-explore = Explorer
nav-calls = Appels
nav-coverage = Couverture
nav-priorities = Priorités
nav-api = API
nav-languages = Langues
footer-text = Contenus publiés de la plateforme du Réseau des Nations Unies sur les migrations pour le Pacte mondial pour des migrations sûres, ordonnées et régulières.
footer-api = Tout ce qui figure ici est aussi dans l’API GraphQL.
language-ar = العربية
language-zh = 中文
language-en = English
language-fr = Français
language-ru = Русский
language-es = Español
language-pt = Português
error-400 = Cette adresse demande quelque chose que la plateforme ne peut pas afficher
error-404 = Rien de publié ici
error-429 = Trop de requêtes
error-503 = La plateforme est occupée
error-other = Une erreur s’est produite
error-code = Code d’erreur :
error-back = Retour à l’explorateur
breadcrumbs = Fil d’Ariane
yes = Oui
no = Non
explore-title = Explorer
explore-title-query = « { $query } »
explore-heading = Explorer la plateforme
search-label = Rechercher des pratiques, des outils d’orientation et des échanges entre pairs
search-placeholder = p. ex. alternatives à la rétention, envois de fonds, Mexique
search-button = Rechercher
search-failed = La recherche a échoué.
search-offline = La recherche n’a pas pu être lancée. Vérifiez la connexion et réessayez.
searching = Recherche…
years = Années
years-from = De
years-to = à
records = { $count ->
    [one] { $countShown } fiche
   *[other] { $countShown } fiches
}
export-csv = Exporter en CSV
export-ndjson = Exporter en NDJSON
filters = Filtres
filters-in-force = Filtres appliqués
remove = (retirer)
clear-all = Tout effacer
clear-all-long = Effacer la recherche et tous les filtres
results = Résultats
no-match = Aucune fiche publiée ne correspond
no-match-hint = Vérifiez l’orthographe, utilisez moins de mots ou retirez un filtre.
featured-collections = Collections à la une
facet-all = Les { $countShown }
facet-type = Type
facet-objective = Objectif du Pacte
facet-principle = Principe directeur
facet-region = Région
facet-country = Pays
facet-theme = Thème
facet-call = Appel à pratiques
facet-year = Année
facet-language = Langue
facet-objective-plural = Objectifs du Pacte
facet-principle-plural = Principes directeurs
facet-theme-plural = Thèmes
facet-region-plural = Régions
facet-country-plural = Pays
pages = Pages
previous = ← Précédente
next = Suivante →
page-of = Page { $pageShown } sur { $pagesShown }
types-practice = Pratiques prometteuses
types-guidance_tool = Outils d’orientation
types-peer_exchange = Échanges entre pairs
types-call = Appels à pratiques
types-collection = Collections
types-review_submission = Contributions aux examens régionaux
calls-title = Appels à pratiques
calls-lead = Le Réseau des Nations Unies sur les migrations invite les États Membres et les parties prenantes à partager leurs pratiques sur un thème. Les pratiques répondant à un appel sont examinées comme toutes les autres et publiées dans le Répertoire.
calls-open = Appels ouverts
calls-open-none = Aucun appel ne reçoit de réponses en ce moment.
calls-upcoming = Appels à venir
calls-upcoming-none = Aucun appel n’est encore annoncé.
calls-closed = Appels clos
calls-closed-none = Aucun appel n’est encore clos.
call-dates = { $opens } – { $deadline } (fin de journée, { $zone })
call-deadline = { $deadline } (fin de journée, { $zone })
call-open-until = reçoit des réponses jusqu’au { $deadline }
call-opens-on = ouvre le { $opens }
call-closed-early = clos avant l’échéance, le { $date }
call-closed-on = clos le { $date }
call-criteria = Critères
call-about = À propos de l’appel
call-opens = Ouverture
call-deadline-label = Date limite
call-contact = Contact
call-answers = Réponses publiées
call-answers-none = Aucune réponse à cet appel n’est encore publiée.
objective-number = Objectif { $count }
published-answers = { $count ->
    [one] { $countShown } réponse publiée
   *[other] { $countShown } réponses publiées
}
record-unknown = Aucun(e) { $type } publié(e) n’a l’adresse « { $address } ».
collections = Collections
classification = Classement
published = Publié le
last-updated = Dernière mise à jour
translations = Traductions
only-in = Uniquement en { $language }.
practice-description = Description
practice-implementation = Mise en œuvre
practice-results = Résultats
practice-lessons = Enseignements tirés
practice-enabling = Facteurs favorables
practice-challenges = Difficultés
practice-replicability = Reproductibilité
practice-about = À propos de la pratique
practice-main-implementer = Responsable principal de la mise en œuvre
practice-partners = Partenaires
practice-submitted-by = Soumis par
practice-level = Niveau géographique
practice-started = Début
practice-ended = Fin
practice-completion = État d’avancement
practice-call = Répond à l’appel
resources = Ressources
collection-about = À propos de la collection
collection-curated-by = Sélection de { $curator }
collection-items = Dans cette collection
collection-empty = Cette collection ne contient encore aucune fiche publiée.
submission-about = À propos de la contribution
regional-review = Examen régional
region = Région
submission-submitted-on = Soumise le
submission-read = Lire la contribution
submission-reports = Ce qu’elle rapporte sur les objectifs
submission-reports-col = Rapporte
submission-words = Dans ses mots
objective = Objectif
tool-about = À propos de l’outil
tool-kind = Type
tool-publisher = Éditeur
working-group = Groupe de travail
tool-published-on = Publié le
tool-audience = Public visé
tool-scope = Portée géographique
tool-read = Le lire
exchange-outcomes = Résultats
exchange-about = À propos de l’échange
exchange-series = Série
exchange-series-number = { $series }, nᵒ { $numberShown }
exchange-format = Format
exchange-starts = Début
exchange-ends = Fin
exchange-organized-by = Organisé par
exchange-participation = Participation
exchange-chatham = Règle de Chatham House
exchange-cohost-countries = Pays coorganisateurs
exchange-cohost-organizations = Organisations coorganisatrices
exchange-practices = Pratiques examinées
exchange-tools = Outils d’orientation
related = Fiches liées
related-unavailable = Les fiches liées ne peuvent pas être trouvées pour le moment ; réessayez plus tard.
coverage-title = Couverture du Pacte
coverage-total = { $count ->
    [one] { $countShown } fiche publiée parmi : { $types }.
   *[other] { $countShown } fiches publiées parmi : { $types }.
}
coverage-total-matching = { $count ->
    [one] { $countShown } fiche publiée parmi : { $types }, correspondant à { $filters }.
   *[other] { $countShown } fiches publiées parmi : { $types }, correspondant à { $filters }.
}
coverage-from = à partir de { $year }
coverage-to = jusqu’à { $year }
record-types = Types de fiches
remove-filters = Retirer les filtres
list-these = Lister ces fiches
coverage-no-text = La couverture compte les fiches selon leurs étiquettes ; le texte « { $query } » n’est pas appliqué ici.
coverage-heat-heading = Par objectif du Pacte et par région
coverage-heat-hint = Une fiche compte une fois dans chaque paire objectif-région à laquelle elle appartient. Sélectionnez une case pour lister ses fiches.
as-table = Les chiffres sous forme de tableau
coverage-heat-caption = Fiches publiées par objectif du Pacte et par région
coverage-years-heading = Par année
coverage-years-none = Aucune fiche n’a d’année.
coverage-years-caption = Fiches publiées par année
year = Année
records-heading = Fiches
coverage-countries-heading = Par pays
coverage-countries-hint = Fiches publiées nommant chaque pays ; sélectionnez un pays pour voir son profil. Le tableau ci-dessous donne les mêmes chiffres.
champion-note = ★ signale les pays champions du Pacte mondial.
coverage-countries-caption = Fiches publiées par pays
country = Pays
gcm-champion = ★ Pays champion du Pacte
gcm-champion-since = ★ Pays champion du Pacte depuis le { $date }
champion = Champion
champion-since = ★ Champion depuis { $year }
legend = Légende
legend-none = aucune
map-records = { $count ->
    [one] { $countShown } fiche
   *[other] { $countShown } fiches
}
map-records-noun = { $count ->
    [one] fiche
   *[other] fiches
}
map-objectives = { $count ->
    [one] { $countShown } objectif
   *[other] { $countShown } objectifs
}
map-objectives-noun = { $count ->
    [one] objectif
   *[other] objectifs
}
priorities-title = Priorités et lacunes
priorities-lead-all = Ce que les États Membres et les parties prenantes ont signalé aux examens régionaux du Pacte comme difficultés et priorités, face aux pratiques publiées sur chaque objectif, dans toutes les régions. Les plus grandes lacunes viennent en premier.
priorities-lead-region = Ce que les États Membres et les parties prenantes ont signalé aux examens régionaux du Pacte comme difficultés et priorités, face aux pratiques publiées sur chaque objectif, en { $region }. Les plus grandes lacunes viennent en premier.
regions = Régions
all-regions = Toutes les régions
priorities-gap-formula = Lacune = difficultés ÷ (1 + pratiques), divisée par la plus grande lacune : 1 est la plus grande, 0 signifie qu’aucune contribution ne signale l’objectif comme difficulté ou priorité.
priorities-by-gap = Objectifs par lacune
priorities-across = Priorités communes à plusieurs régions
priorities-across-none = Aucun objectif n’est signalé comme difficulté ou priorité dans { $regionsShown } régions ou plus.
priorities-across-hint = Objectifs signalés comme difficulté ou priorité dans au moins { $regionsShown } régions.
priorities-across-counts = { $regions ->
    [one] { $regionsShown } région
   *[other] { $regionsShown } régions
}, { $submissions ->
    [one] { $submissionsShown } contribution
   *[other] { $submissionsShown } contributions
}
priorities-challenges-reported = ◀ difficultés signalées
priorities-practices-published = pratiques publiées ▶
priorities-bar-title = { $challengesShown } difficultés signalées, { $practicesShown } pratiques publiées
priorities-map-heading = Difficultés signalées, par pays
priorities-map-hint = Nombre d’objectifs que les contributions de chaque pays signalent comme difficulté ou priorité ; sélectionnez un pays pour voir son profil.
priorities-objectives-raised = Objectifs signalés
priorities-table-caption = Les chiffres du graphique
col-challenges = Difficultés
col-progress = Progrès
col-practices = Pratiques
col-tools = Outils
col-exchanges = Échanges
col-gap = Lacune
country-unknown = La plateforme ne connaît aucun pays ayant le code « { $code } ».
countries = Pays
country-practices = Pratiques
country-practices-none = Aucune pratique publiée ne nomme encore ce pays.
country-practices-all = Les { $countShown } pratiques
country-submissions = Contributions aux examens régionaux
country-submissions-none = Aucune contribution publiée ne nomme ce pays.
country-peers = Auprès de qui apprendre
country-by-objective = Par objectif du Pacte
country-by-objective-none = Rien n’est publié sur ce pays, et il n’a rien signalé aux examens régionaux.
country-by-objective-hint = Barres : fiches publiées nommant le pays. Symboles : ce que ses contributions ont signalé (▲ difficulté, ◆ priorité, ● progrès).
country-table-caption = Fiches et signalements par objectif
peers-unavailable = Les correspondances entre pairs ne peuvent pas être affichées pour le moment.
peers-none = Aucune correspondance : le pays n’a signalé aucune difficulté à laquelle répondent les pratiques publiées d’un autre pays.
peers-score = score { $score }
