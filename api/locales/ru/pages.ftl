site-name = Платформа Сети ООН по миграции
site-tagline = Практики, инструменты и обмен опытом по Глобальному договору
skip-to-content = Перейти к содержанию
nav-site = Сайт
nav-explore = Поиск
nav-calls = Призывы
nav-coverage = Охват
nav-priorities = Приоритеты
nav-api = API
nav-languages = Языки
footer-text = Опубликованные материалы платформы Сети ООН по миграции для Глобального договора о безопасной, упорядоченной и легальной миграции.
footer-api = Все эти материалы доступны и через GraphQL API.
language-ar = العربية
language-zh = 中文
language-en = English
language-fr = Français
language-ru = Русский
language-es = Español
language-pt = Português
error-400 = По этому адресу запрошено то, что платформа не может показать
error-404 = Здесь ничего не опубликовано
error-429 = Слишком много запросов
error-503 = Платформа перегружена
error-other = Что-то пошло не так
error-code = Код ошибки:
error-back = Вернуться к поиску
breadcrumbs = Навигационная цепочка
yes = Да
no = Нет
explore-title = Поиск
explore-title-query = «{ $query }»
explore-heading = Поиск по платформе
search-label = Искать практики, методические инструменты и обмены опытом
search-placeholder = например: альтернативы задержанию, денежные переводы, Мексика
search-button = Найти
search-failed = Поиск не удался.
search-offline = Не удалось выполнить поиск. Проверьте подключение и повторите попытку.
searching = Поиск…
years = Годы
years-from = С
years-to = по
records = { $count ->
    [one] { $countShown } запись
    [few] { $countShown } записи
   *[other] { $countShown } записей
}
export-csv = Экспорт в CSV
export-ndjson = Экспорт в NDJSON
filters = Фильтры
filters-in-force = Примененные фильтры
remove = (убрать)
clear-all = Сбросить все
clear-all-long = Сбросить поиск и все фильтры
results = Результаты
no-match = Нет подходящих опубликованных записей
no-match-hint = Проверьте написание, используйте меньше слов или уберите фильтр.
featured-collections = Избранные подборки
facet-all = Все ({ $countShown })
facet-type = Тип
facet-objective = Цель Договора
facet-principle = Руководящий принцип
facet-region = Регион
facet-country = Страна
facet-theme = Тема
facet-call = Призыв к представлению практик
facet-year = Год
facet-language = Язык
facet-objective-plural = Цели Договора
facet-principle-plural = Руководящие принципы
facet-theme-plural = Темы
facet-region-plural = Регионы
facet-country-plural = Страны
pages = Страницы
previous = ← Назад
next = Далее →
page-of = Страница { $pageShown } из { $pagesShown }
types-practice = Перспективные практики
types-guidance_tool = Методические инструменты
types-peer_exchange = Обмены опытом
types-call = Призывы к представлению практик
types-collection = Подборки
types-review_submission = Материалы для региональных обзоров
calls-title = Призывы к представлению практик
calls-lead = Сеть ООН по миграции предлагает государствам-членам и заинтересованным сторонам поделиться своими практиками по определенной теме. Практики, представленные в ответ на призыв, рассматриваются так же, как и все остальные, и публикуются в Репозитории.
calls-open = Открытые призывы
calls-open-none = Сейчас нет открытых призывов.
calls-upcoming = Предстоящие призывы
calls-upcoming-none = Призывы пока не объявлены.
calls-closed = Закрытые призывы
calls-closed-none = Закрытых призывов пока нет.
call-dates = { $opens } – { $deadline } (до конца дня, { $zone })
call-deadline = { $deadline } (до конца дня, { $zone })
call-open-until = ответы принимаются до { $deadline }
call-opens-on = открывается { $opens }
call-closed-early = закрыт досрочно, { $date }
call-closed-on = закрыт { $date }
call-criteria = Критерии
call-about = О призыве
call-opens = Открытие
call-deadline-label = Срок
call-contact = Контакт
call-answers = Опубликованные ответы
call-answers-none = Ответы на этот призыв пока не опубликованы.
objective-number = Цель { $count }
published-answers = { $count ->
    [one] { $countShown } опубликованный ответ
    [few] { $countShown } опубликованных ответа
   *[other] { $countShown } опубликованных ответов
}
record-unknown = Не найдено опубликованной записи типа «{ $type }» по адресу «{ $address }».
collections = Подборки
classification = Классификация
published = Опубликовано
last-updated = Последнее обновление
translations = Переводы
only-in = Только на языке: { $language }.
practice-description = Описание
practice-implementation = Реализация
practice-results = Результаты
practice-lessons = Извлеченные уроки
practice-enabling = Способствующие факторы
practice-challenges = Трудности
practice-replicability = Воспроизводимость
practice-about = О практике
practice-main-implementer = Основной исполнитель
practice-partners = Партнеры
practice-submitted-by = Представлено
practice-level = Географический уровень
practice-started = Начало
practice-ended = Окончание
practice-completion = Степень завершенности
practice-call = Ответ на призыв
resources = Ресурсы
collection-about = О подборке
collection-curated-by = Составитель: { $curator }
collection-items = В этой подборке
collection-empty = В этой подборке пока нет опубликованных материалов.
submission-about = О материале
regional-review = Региональный обзор
region = Регион
submission-submitted-on = Дата представления
submission-read = Прочитать материал
submission-reports = Что сообщается о целях
submission-reports-col = Сообщает
submission-words = Своими словами
objective = Цель
tool-about = Об инструменте
tool-kind = Вид
tool-publisher = Издатель
working-group = Рабочая группа
tool-published-on = Дата публикации
tool-audience = Целевая аудитория
tool-scope = Географический охват
tool-read = Читать
exchange-outcomes = Итоги
exchange-about = Об обмене опытом
exchange-series = Серия
exchange-series-number = { $series }, № { $numberShown }
exchange-format = Формат
exchange-starts = Начало
exchange-ends = Окончание
exchange-organized-by = Организатор
exchange-participation = Участие
exchange-chatham = Правило Чатем-хауса
exchange-cohost-countries = Страны-соорганизаторы
exchange-cohost-organizations = Организации-соорганизаторы
exchange-practices = Обсуждавшиеся практики
exchange-tools = Методические инструменты
related = Связанные записи
related-unavailable = Связанные записи сейчас недоступны; повторите попытку позже.
coverage-title = Охват Договора
coverage-total = { $count ->
    [one] { $countShown } опубликованная запись среди: { $types }.
    [few] { $countShown } опубликованные записи среди: { $types }.
   *[other] { $countShown } опубликованных записей среди: { $types }.
}
coverage-total-matching = { $count ->
    [one] { $countShown } опубликованная запись среди: { $types }, по условиям: { $filters }.
    [few] { $countShown } опубликованные записи среди: { $types }, по условиям: { $filters }.
   *[other] { $countShown } опубликованных записей среди: { $types }, по условиям: { $filters }.
}
coverage-from = с { $year }
coverage-to = по { $year }
record-types = Типы записей
remove-filters = Убрать фильтры
list-these = Показать эти записи
coverage-no-text = Охват считает записи по их меткам; текст «{ $query }» здесь не применяется.
coverage-heat-heading = По целям Договора и регионам
coverage-heat-hint = Запись учитывается один раз в каждой паре цели и региона, к которой она относится. Выберите ячейку, чтобы увидеть ее записи.
as-table = Цифры в виде таблицы
coverage-heat-caption = Опубликованные записи по целям Договора и регионам
coverage-years-heading = По годам
coverage-years-none = Ни у одной записи нет года.
coverage-years-caption = Опубликованные записи по годам
year = Год
records-heading = Записи
coverage-countries-heading = По странам
coverage-countries-hint = Опубликованные записи, в которых упоминается каждая страна; выберите страну, чтобы открыть ее профиль. В таблице ниже те же цифры.
champion-note = ★ обозначает страны — лидеры реализации Глобального договора.
coverage-countries-caption = Опубликованные записи по странам
country = Страна
gcm-champion = ★ Страна-лидер Договора
gcm-champion-since = ★ Страна-лидер Договора с { $date }
champion = Лидер
champion-since = ★ Лидер с { $year }
legend = Легенда
legend-none = нет
map-records = { $count ->
    [one] { $countShown } запись
    [few] { $countShown } записи
   *[other] { $countShown } записей
}
map-records-noun = { $count ->
    [one] запись
    [few] записи
   *[other] записей
}
map-objectives = { $count ->
    [one] { $countShown } цель
    [few] { $countShown } цели
   *[other] { $countShown } целей
}
map-objectives-noun = { $count ->
    [one] цель
    [few] цели
   *[other] целей
}
priorities-title = Приоритеты и пробелы
priorities-lead-all = Что государства-члены и заинтересованные стороны сообщили в рамках региональных обзоров Договора как проблемы и приоритеты, в сравнении с опубликованными практиками по каждой цели, во всех регионах. Самые большие пробелы — первыми.
priorities-lead-region = Что государства-члены и заинтересованные стороны сообщили в рамках региональных обзоров Договора как проблемы и приоритеты, в сравнении с опубликованными практиками по каждой цели, в регионе «{ $region }». Самые большие пробелы — первыми.
regions = Регионы
all-regions = Все регионы
priorities-gap-formula = Пробел = проблемы ÷ (1 + практики), деленное на наибольший пробел: 1 — наибольший, 0 — ни один материал не называет цель проблемой или приоритетом.
priorities-by-gap = Цели по величине пробела
priorities-across = Приоритеты, общие для нескольких регионов
priorities-across-none = Ни одна цель не названа проблемой или приоритетом в { $regionsShown } регионах или более.
priorities-across-hint = Цели, названные проблемой или приоритетом как минимум в { $regionsShown } регионах.
priorities-across-counts = регионов: { $regionsShown }, материалов: { $submissionsShown }
priorities-challenges-reported = ◀ названные проблемы
priorities-practices-published = опубликованные практики ▶
priorities-bar-title = названных проблем: { $challengesShown }, опубликованных практик: { $practicesShown }
priorities-map-heading = Названные проблемы по странам
priorities-map-hint = Сколько целей материалы каждой страны называют проблемой или приоритетом; выберите страну, чтобы открыть ее профиль.
priorities-objectives-raised = Названные цели
priorities-table-caption = Цифры графика
col-challenges = Проблемы
col-progress = Прогресс
col-practices = Практики
col-tools = Инструменты
col-exchanges = Обмены
col-gap = Пробел
country-unknown = Платформе неизвестна страна с кодом «{ $code }».
countries = Страны
country-practices = Практики
country-practices-none = Опубликованных практик, в которых упоминается эта страна, пока нет.
country-practices-all = Все практики ({ $countShown })
country-submissions = Материалы для региональных обзоров
country-submissions-none = Опубликованных материалов, в которых упоминается эта страна, нет.
country-peers = У кого поучиться
country-by-objective = По целям Договора
country-by-objective-none = Об этой стране ничего не опубликовано, и она ничего не сообщила в рамках региональных обзоров.
country-by-objective-hint = Столбцы: опубликованные записи, в которых упоминается страна. Знаки: что сообщили ее материалы (▲ проблема, ◆ приоритет, ● прогресс).
country-table-caption = Записи и сообщения по целям
peers-unavailable = Подходящих партнеров сейчас показать нельзя.
peers-none = Совпадений нет: страна не назвала ни одной проблемы, на которую отвечают опубликованные практики другой страны.
peers-score = оценка { $score }
