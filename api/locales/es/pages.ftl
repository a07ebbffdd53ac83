site-name = Plataforma de la Red sobre la Migración
site-tagline = Prácticas, herramientas e intercambios del Pacto Mundial
skip-to-content = Ir al contenido
nav-site = Sitio
nav-explore = Explorar
nav-calls = Convocatorias
nav-coverage = Cobertura
nav-priorities = Prioridades
nav-api = API
nav-languages = Idiomas
footer-text = Contenido publicado de la plataforma de la Red de las Naciones Unidas sobre la Migración para el Pacto Mundial para la Migración Segura, Ordenada y Regular.
footer-api = Todo lo que figura aquí está también en la API GraphQL.
language-ar = العربية
language-zh = 中文
language-en = English
language-fr = Français
language-ru = Русский
language-es = Español
language-pt = Português
error-400 = Esta dirección pide algo que la plataforma no puede mostrar
error-404 = Aquí no hay nada publicado
error-429 = Demasiadas solicitudes
error-503 = La plataforma está ocupada
error-other = Algo salió mal
error-code = Código de error:
error-back = Volver al explorador
breadcrumbs = Ruta de navegación
yes = Sí
no = No
explore-title = Explorar
explore-title-query = «{ $query }»
explore-heading = Explorar la plataforma
search-label = Buscar prácticas, herramientas de orientación e intercambios entre pares
search-placeholder = p. ej., alternativas a la detención, remesas, México
search-button = Buscar
search-failed = La búsqueda falló.
search-offline = No se pudo realizar la búsqueda. Compruebe la conexión e inténtelo de nuevo.
searching = Buscando…
years = Años
years-from = Desde
years-to = hasta
records = { $count ->
    [one] { $countShown } registro
   *[other] { $countShown } registros
}
export-csv = Exportar CSV
export-ndjson = Exportar NDJSON
filters = Filtros
filters-in-force = Filtros aplicados
remove = (quitar)
clear-all = Borrar todo
clear-all-long = Borrar la búsqueda y todos los filtros
results = Resultados
no-match = Ningún registro publicado coincide
no-match-hint = Revise la ortografía, use menos palabras o quite un filtro.
featured-collections = Colecciones destacadas
facet-all = Los { $countShown }
facet-type = Tipo
facet-objective = Objetivo del Pacto
facet-principle = Principio rector
facet-region = Región
facet-country = País
facet-theme = Tema
facet-call = Convocatoria de prácticas
facet-year = Año
facet-language = Idioma
facet-objective-plural = Objetivos del Pacto
facet-principle-plural = Principios rectores
facet-theme-plural = Temas
facet-region-plural = Regiones
facet-country-plural = Países
pages = Páginas
previous = ← Anterior
next = Siguiente →
page-of = Página { $pageShown } de { $pagesShown }
types-practice = Prácticas prometedoras
types-guidance_tool = Herramientas de orientación
types-peer_exchange = Intercambios entre pares
types-call = Convocatorias de prácticas
types-collection = Colecciones
types-review_submission = Aportaciones a los exámenes regionales
calls-title = Convocatorias de prácticas
calls-lead = La Red de las Naciones Unidas sobre la Migración invita a los Estados Miembros y a las partes interesadas a compartir sus prácticas sobre un tema. Las prácticas que responden a una convocatoria se examinan como todas las demás y se publican en el Repositorio.
calls-open = Convocatorias abiertas
calls-open-none = Ninguna convocatoria recibe respuestas en este momento.
calls-upcoming = Próximas convocatorias
calls-upcoming-none = Todavía no se ha anunciado ninguna convocatoria.
calls-closed = Convocatorias cerradas
calls-closed-none = Todavía no se ha cerrado ninguna convocatoria.
call-dates = { $opens } – { $deadline } (final del día, { $zone })
call-deadline = { $deadline } (final del día, { $zone })
call-open-until = recibe respuestas hasta el { $deadline }
call-opens-on = se abre el { $opens }
call-closed-early = cerrada anticipadamente, el { $date }
call-closed-on = cerrada el { $date }
call-criteria = Criterios
call-about = Acerca de la convocatoria
call-opens = Apertura
call-deadline-label = Plazo
call-contact = Contacto
call-answers = Respuestas publicadas
call-answers-none = Todavía no se ha publicado ninguna respuesta a esta convocatoria.
objective-number = Objetivo { $count }
published-answers = { $count ->
    [one] { $countShown } respuesta publicada
   *[other] { $countShown } respuestas publicadas
}
record-unknown = Ningún registro publicado del tipo «{ $type }» tiene la dirección «{ $address }».
collections = Colecciones
classification = Clasificación
published = Publicado
last-updated = Última actualización
translations = Traducciones
only-in = Solo en { $language }.
practice-description = Descripción
practice-implementation = Implementación
practice-results = Resultados
practice-lessons = Lecciones aprendidas
practice-enabling = Factores propicios
practice-challenges = Dificultades
practice-replicability = Replicabilidad
practice-about = Acerca de la práctica
practice-main-implementer = Ejecutor principal
practice-partners = Asociados
practice-submitted-by = Presentado por
practice-level = Nivel geográfico
practice-started = Inicio
practice-ended = Fin
practice-completion = Grado de ejecución
practice-call = Responde a la convocatoria
resources = Recursos
collection-about = Acerca de la colección
collection-curated-by = Selección de { $curator }
collection-items = En esta colección
collection-empty = Esta colección todavía no contiene nada publicado.
submission-about = Acerca de la aportación
regional-review = Examen regional
region = Región
submission-submitted-on = Presentada el
submission-read = Leer la aportación
submission-reports = Lo que informa sobre los objetivos
submission-reports-col = Informa
submission-words = En sus palabras
objective = Objetivo
tool-about = Acerca de la herramienta
tool-kind = Tipo
tool-publisher = Editor
working-group = Grupo de trabajo
tool-published-on = Publicada el
tool-audience = Público destinatario
tool-scope = Alcance geográfico
tool-read = Leerla
exchange-outcomes = Resultados
exchange-about = Acerca del intercambio
exchange-series = Serie
exchange-series-number = { $series }, n.º { $numberShown }
exchange-format = Formato
exchange-starts = Comienza
exchange-ends = Termina
exchange-organized-by = Organizado por
exchange-participation = Participación
exchange-chatham = Regla de Chatham House
exchange-cohost-countries = Países coorganizadores
exchange-cohost-organizations = Organizaciones coorganizadoras
exchange-practices = Prácticas examinadas
exchange-tools = Herramientas de orientación
related = Registros relacionados
related-unavailable = No se pueden encontrar los registros relacionados en este momento; inténtelo más tarde.
coverage-title = Cobertura del Pacto
coverage-total = { $count ->
    [one] { $countShown } registro publicado entre: { $types }.
   *[other] { $countShown } registros publicados entre: { $types }.
}
coverage-total-matching = { $count ->
    [one] { $countShown } registro publicado entre: { $types }, que coincide con { $filters }.
   *[other] { $countShown } registros publicados entre: { $types }, que coinciden con { $filters }.
}
coverage-from = desde { $year }
coverage-to = hasta { $year }
record-types = Tipos de registro
remove-filters = Quitar los filtros
list-these = Listar estos registros
coverage-no-text = La cobertura cuenta los registros por sus etiquetas; el texto «{ $query }» no se aplica aquí.
coverage-heat-heading = Por objetivo del Pacto y región
coverage-heat-hint = Un registro cuenta una vez en cada par de objetivo y región al que pertenece. Seleccione una celda para listar sus registros.
as-table = Las cifras en una tabla
coverage-heat-caption = Registros publicados por objetivo del Pacto y región
coverage-years-heading = Por año
coverage-years-none = Ningún registro tiene año.
coverage-years-caption = Registros publicados por año
year = Año
records-heading = Registros
coverage-countries-heading = Por país
coverage-countries-hint = Registros publicados que mencionan cada país; seleccione un país para ver su perfil. La tabla siguiente contiene las mismas cifras.
champion-note = ★ señala los países campeones del Pacto Mundial.
coverage-countries-caption = Registros publicados por país
country = País
gcm-champion = ★ País campeón del Pacto
gcm-champion-since = ★ País campeón del Pacto desde el { $date }
champion = Campeón
champion-since = ★ Campeón desde { $year }
legend = Leyenda
legend-none = ninguno
map-records = { $count ->
    [one] { $countShown } registro
   *[other] { $countShown } registros
}
map-records-noun = { $count ->
    [one] registro
   *[other] registros
}
map-objectives = { $count ->
    [one] { $countShown } objetivo
   *[other] { $countShown } objetivos
}
map-objectives-noun = { $count ->
    [one] objetivo
   *[other] objetivos
}
priorities-title = Prioridades y brechas
priorities-lead-all = Lo que los Estados Miembros y las partes interesadas señalaron a los exámenes regionales del Pacto como desafíos y prioridades, frente a las prácticas publicadas sobre cada objetivo, en todas las regiones. Las mayores brechas aparecen primero.
priorities-lead-region = Lo que los Estados Miembros y las partes interesadas señalaron a los exámenes regionales del Pacto como desafíos y prioridades, frente a las prácticas publicadas sobre cada objetivo, en { $region }. Las mayores brechas aparecen primero.
regions = Regiones
all-regions = Todas las regiones
priorities-gap-formula = Brecha = desafíos ÷ (1 + prácticas), dividida por la mayor brecha: 1 es la mayor, 0 significa que ninguna aportación señala el objetivo como desafío o prioridad.
priorities-by-gap = Objetivos por brecha
priorities-across = Prioridades compartidas por varias regiones
priorities-across-none = Ningún objetivo se señala como desafío o prioridad en { $regionsShown } regiones o más.
priorities-across-hint = Objetivos señalados como desafío o prioridad en al menos { $regionsShown } regiones.
priorities-across-counts = { $regions ->
    [one] { $regionsShown } región
   *[other] { $regionsShown } regiones
}, { $submissions ->
    [one] { $submissionsShown } aportación
   *[other] { $submissionsShown } aportaciones
}
priorities-challenges-reported = ◀ desafíos señalados
priorities-practices-published = prácticas publicadas ▶
priorities-bar-title = { $challengesShown } desafíos señalados, { $practicesShown } prácticas publicadas
priorities-map-heading = Desafíos señalados, por país
priorities-map-hint = Cuántos objetivos señalan las aportaciones de cada país como desafío o prioridad; seleccione un país para ver su perfil.
priorities-objectives-raised = Objetivos señalados
priorities-table-caption = Las cifras del gráfico
col-challenges = Desafíos
col-progress = Avances
col-practices = Prácticas
col-tools = Herramientas
col-exchanges = Intercambios
col-gap = Brecha
country-unknown = La plataforma no conoce ningún país con el código «{ $code }».
countries = Países
country-practices = Prácticas
country-practices-none = Todavía ninguna práctica publicada menciona este país.
country-practices-all = Las { $countShown } prácticas
country-submissions = Aportaciones a los exámenes regionales
country-submissions-none = Ninguna aportación publicada menciona este país.
country-peers = De quién aprender
country-by-objective = Por objetivo del Pacto
country-by-objective-none = No hay nada publicado sobre este país, y no señaló nada a los exámenes regionales.
country-by-objective-hint = Barras: registros publicados que mencionan el país. Marcas: lo que señalaron sus aportaciones (▲ desafío, ◆ prioridad, ● avance).
country-table-caption = Registros e informes por objetivo
peers-unavailable = Las coincidencias entre pares no se pueden mostrar en este momento.
peers-none = Ninguna coincidencia: el país no señaló ningún desafío al que respondan las prácticas publicadas de otro país.
peers-score = puntuación { $score }
