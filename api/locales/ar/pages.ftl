site-name = منصة شبكة الأمم المتحدة المعنية بالهجرة
site-tagline = ممارسات الاتفاق العالمي وأدواته وتبادلاته
skip-to-content = انتقل إلى المحتوى
nav-site = الموقع
nav-explore = استكشاف
nav-calls = الدعوات
nav-coverage = التغطية
nav-priorities = الأولويات
nav-api = واجهة البرمجة
nav-languages = اللغات
footer-text = محتوى منشور في منصة شبكة الأمم المتحدة المعنية بالهجرة للاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية.
footer-api = كل ما هنا متاح أيضاً عبر واجهة GraphQL البرمجية.
language-ar = العربية
language-zh = 中文
language-en = English
language-fr = Français
language-ru = Русский
language-es = Español
language-pt = Português
error-400 = يطلب هذا العنوان شيئاً لا تستطيع المنصة عرضه
error-404 = لا يوجد محتوى منشور هنا
error-429 = طلبات كثيرة جداً
error-503 = المنصة مشغولة
error-other = حدث خطأ ما
error-code = رمز الخطأ:
error-back = العودة إلى أداة الاستكشاف
breadcrumbs = مسار التنقل
yes = نعم
no = لا
explore-title = استكشاف
explore-title-query = «{ $query }»
explore-heading = استكشاف المنصة
search-label = البحث في الممارسات والأدوات التوجيهية والتبادلات بين الأقران
search-placeholder = مثلاً: بدائل الاحتجاز، التحويلات المالية، المكسيك
search-button = بحث
search-failed = فشل البحث.
search-offline = تعذّر إجراء البحث. تحقق من الاتصال وحاول مرة أخرى.
searching = جارٍ البحث…
years = السنوات
years-from = من
years-to = إلى
records = { $count ->
    [zero] لا سجلات
    [one] سجل واحد
    [two] سجلان
    [few] { $countShown } سجلات
   *[other] { $countShown } سجلاً
}
export-csv = تصدير CSV
export-ndjson = تصدير NDJSON
filters = عوامل التصفية
filters-in-force = عوامل التصفية المطبقة
remove = (إزالة)
clear-all = مسح الكل
clear-all-long = مسح البحث وجميع عوامل التصفية
results = النتائج
no-match = لا يوجد سجل منشور مطابق
no-match-hint = تحقق من الإملاء، أو استخدم كلمات أقل، أو أزل عامل تصفية.
featured-collections = مجموعات مختارة
facet-all = الكل ({ $countShown })
facet-type = النوع
facet-objective = هدف الاتفاق العالمي
facet-principle = المبدأ التوجيهي
facet-region = المنطقة
facet-country = البلد
facet-theme = الموضوع
facet-call = دعوة لتقديم الممارسات
facet-year = السنة
facet-language = اللغة
facet-objective-plural = أهداف الاتفاق العالمي
facet-principle-plural = المبادئ التوجيهية
facet-theme-plural = المواضيع
facet-region-plural = المناطق
facet-country-plural = البلدان
pages = الصفحات
previous = السابق →
next = ← التالي
page-of = الصفحة { $pageShown } من { $pagesShown }
types-practice = الممارسات الواعدة
types-guidance_tool = الأدوات التوجيهية
types-peer_exchange = التبادلات بين الأقران
types-call = الدعوات لتقديم الممارسات
types-collection = المجموعات
types-review_submission = المساهمات في الاستعراضات الإقليمية
calls-title = الدعوات لتقديم الممارسات
calls-lead = تدعو شبكة الأمم المتحدة المعنية بالهجرة الدول الأعضاء والجهات المعنية إلى تبادل ممارساتها بشأن موضوع ما. وتُستعرض الممارسات المقدمة استجابةً لدعوة كغيرها من الممارسات، وتُنشر في المستودع.
calls-open = الدعوات المفتوحة
calls-open-none = لا توجد دعوة تتلقى ردوداً في الوقت الحالي.
calls-upcoming = الدعوات القادمة
calls-upcoming-none = لم يُعلن عن أي دعوة بعد.
calls-closed = الدعوات المغلقة
calls-closed-none = لم تُغلق أي دعوة بعد.
call-dates = { $opens } – { $deadline } (نهاية اليوم، { $zone })
call-deadline = { $deadline } (نهاية اليوم، { $zone })
call-open-until = تتلقى الردود حتى { $deadline }
call-opens-on = تُفتح في { $opens }
call-closed-early = أُغلقت مبكراً في { $date }
call-closed-on = أُغلقت في { $date }
call-criteria = المعايير
call-about = عن الدعوة
call-opens = تاريخ الفتح
call-deadline-label = الموعد النهائي
call-contact = جهة الاتصال
call-answers = الردود المنشورة
call-answers-none = لم يُنشر أي رد على هذه الدعوة بعد.
objective-number = الهدف { $count }
published-answers = { $count ->
    [zero] لا ردود منشورة
    [one] رد منشور واحد
    [two] ردان منشوران
    [few] { $countShown } ردود منشورة
   *[other] { $countShown } رداً منشوراً
}
record-unknown = لا يوجد سجل منشور من نوع «{ $type }» بالعنوان «{ $address }».
collections = المجموعات
classification = التصنيف
published = تاريخ النشر
last-updated = آخر تحديث
translations = الترجمات
only-in = متاح باللغة { $language } فقط.
practice-description = الوصف
practice-implementation = التنفيذ
practice-results = النتائج
practice-lessons = الدروس المستفادة
practice-enabling = العوامل الميسِّرة
practice-challenges = التحديات
practice-replicability = قابلية التكرار
practice-about = عن الممارسة
practice-main-implementer = الجهة المنفذة الرئيسية
practice-partners = الشركاء
practice-submitted-by = مقدَّم من
practice-level = المستوى الجغرافي
practice-started = البدء
practice-ended = الانتهاء
practice-completion = درجة الإنجاز
practice-call = تستجيب للدعوة
resources = الموارد
collection-about = عن المجموعة
collection-curated-by = من اختيار { $curator }
collection-items = في هذه المجموعة
collection-empty = لا يوجد أي محتوى منشور في هذه المجموعة بعد.
submission-about = عن المساهمة
regional-review = الاستعراض الإقليمي
region = المنطقة
submission-submitted-on = تاريخ التقديم
submission-read = قراءة المساهمة
submission-reports = ما تفيد به بشأن الأهداف
submission-reports-col = تفيد بـ
submission-words = بكلماتها
objective = الهدف
tool-about = عن الأداة
tool-kind = النوع
tool-publisher = الناشر
working-group = الفريق العامل
tool-published-on = تاريخ النشر
tool-audience = الجمهور المستهدف
tool-scope = النطاق الجغرافي
tool-read = قراءتها
exchange-outcomes = النتائج
exchange-about = عن التبادل
exchange-series = السلسلة
exchange-series-number = { $series }، رقم { $numberShown }
exchange-format = الشكل
exchange-starts = يبدأ
exchange-ends = ينتهي
exchange-organized-by = المنظِّم
exchange-participation = المشاركة
exchange-chatham = قاعدة تشاتام هاوس
exchange-cohost-countries = البلدان المشاركة في الاستضافة
exchange-cohost-organizations = المنظمات المشاركة في الاستضافة
exchange-practices = الممارسات التي نوقشت
exchange-tools = الأدوات التوجيهية
related = سجلات ذات صلة
related-unavailable = تعذّر العثور على السجلات ذات الصلة حالياً؛ حاول مرة أخرى لاحقاً.
coverage-title = تغطية الاتفاق العالمي
coverage-total = { $count ->
    [zero] لا سجلات منشورة ضمن: { $types }.
    [one] سجل منشور واحد ضمن: { $types }.
    [two] سجلان منشوران ضمن: { $types }.
    [few] { $countShown } سجلات منشورة ضمن: { $types }.
   *[other] { $countShown } سجلاً منشوراً ضمن: { $types }.
}
coverage-total-matching = { $count ->
    [zero] لا سجلات منشورة ضمن: { $types }، مطابقة لـ { $filters }.
    [one] سجل منشور واحد ضمن: { $types }، مطابق لـ { $filters }.
    [two] سجلان منشوران ضمن: { $types }، مطابقان لـ { $filters }.
    [few] { $countShown } سجلات منشورة ضمن: { $types }، مطابقة لـ { $filters }.
   *[other] { $countShown } سجلاً منشوراً ضمن: { $types }، مطابقاً لـ { $filters }.
}
coverage-from = من { $year }
coverage-to = إلى { $year }
record-types = أنواع السجلات
remove-filters = إزالة عوامل التصفية
list-these = عرض هذه السجلات
coverage-no-text = تحسب التغطية السجلات حسب وسومها؛ ولا يُطبَّق النص «{ $query }» هنا.
coverage-heat-heading = حسب هدف الاتفاق العالمي والمنطقة
coverage-heat-hint = يُحسب السجل مرة واحدة في كل زوج من الهدف والمنطقة ينتمي إليه. اختر خانة لعرض سجلاتها.
as-table = الأرقام في جدول
coverage-heat-caption = السجلات المنشورة حسب هدف الاتفاق العالمي والمنطقة
coverage-years-heading = حسب السنة
coverage-years-none = لا يوجد سجل له سنة.
coverage-years-caption = السجلات المنشورة حسب السنة
year = السنة
records-heading = السجلات
coverage-countries-heading = حسب البلد
coverage-countries-hint = السجلات المنشورة التي تذكر كل بلد؛ اختر بلداً لعرض ملفه. ويتضمن الجدول أدناه الأرقام نفسها.
champion-note = ★ تشير إلى البلدان الرائدة في الاتفاق العالمي.
coverage-countries-caption = السجلات المنشورة حسب البلد
country = البلد
gcm-champion = ★ بلد رائد في الاتفاق العالمي
gcm-champion-since = ★ بلد رائد في الاتفاق العالمي منذ { $date }
champion = بلد رائد
champion-since = ★ بلد رائد منذ { $year }
legend = مفتاح الخريطة
legend-none = لا شيء
map-records = { $count ->
    [zero] لا سجلات
    [one] سجل واحد
    [two] سجلان
    [few] { $countShown } سجلات
   *[other] { $countShown } سجلاً
}
map-records-noun = { $count ->
    [one] سجل
    [two] سجلان
    [few] سجلات
   *[other] سجلاً
}
map-objectives = { $count ->
    [zero] لا أهداف
    [one] هدف واحد
    [two] هدفان
    [few] { $countShown } أهداف
   *[other] { $countShown } هدفاً
}
map-objectives-noun = { $count ->
    [one] هدف
    [two] هدفان
    [few] أهداف
   *[other] هدفاً
}
priorities-title = الأولويات والثغرات
priorities-lead-all = ما أبلغت عنه الدول الأعضاء والجهات المعنية الاستعراضات الإقليمية للاتفاق العالمي من تحديات وأولويات، مقارنةً بالممارسات المنشورة بشأن كل هدف، في جميع المناطق. وتأتي أوسع الثغرات أولاً.
priorities-lead-region = ما أبلغت عنه الدول الأعضاء والجهات المعنية الاستعراضات الإقليمية للاتفاق العالمي من تحديات وأولويات، مقارنةً بالممارسات المنشورة بشأن كل هدف، في { $region }. وتأتي أوسع الثغرات أولاً.
regions = المناطق
all-regions = جميع المناطق
priorities-gap-formula = الثغرة = التحديات ÷ (1 + الممارسات)، مقسومة على أوسع ثغرة: 1 هي الأوسع، و0 تعني أنه لا توجد مساهمة تفيد بأن الهدف يمثل تحدياً أو أولوية.
priorities-by-gap = الأهداف حسب الثغرة
priorities-across = أولويات مشتركة بين المناطق
priorities-across-none = لا يوجد هدف أُبلغ عنه بوصفه تحدياً أو أولوية في { $regionsShown } مناطق أو أكثر.
priorities-across-hint = الأهداف التي أُبلغ عنها بوصفها تحدياً أو أولوية في { $regionsShown } مناطق على الأقل.
priorities-across-counts = { $regions ->
    [one] منطقة واحدة
    [two] منطقتان
    [few] { $regionsShown } مناطق
   *[other] { $regionsShown } منطقة
}، { $submissions ->
    [one] مساهمة واحدة
    [two] مساهمتان
    [few] { $submissionsShown } مساهمات
   *[other] { $submissionsShown } مساهمة
}
priorities-challenges-reported = ▶ التحديات المُبلغ عنها
priorities-practices-published = الممارسات المنشورة ◀
priorities-bar-title = التحديات المُبلغ عنها: { $challengesShown }، الممارسات المنشورة: { $practicesShown }
priorities-map-heading = التحديات المُبلغ عنها، حسب البلد
priorities-map-hint = عدد الأهداف التي تفيد مساهمات كل بلد بأنها تمثل تحدياً أو أولوية؛ اختر بلداً لعرض ملفه.
priorities-objectives-raised = الأهداف المُثارة
priorities-table-caption = أرقام الرسم البياني
col-challenges = التحديات
col-progress = التقدم
col-practices = الممارسات
col-tools = الأدوات
col-exchanges = التبادلات
col-gap = الثغرة
country-unknown = لا تعرف المنصة أي بلد بالرمز «{ $code }».
countries = البلدان
country-practices = الممارسات
country-practices-none = لا توجد ممارسة منشورة تذكر هذا البلد بعد.
country-practices-all = جميع الممارسات ({ $countShown })
country-submissions = المساهمات في الاستعراضات الإقليمية
country-submissions-none = لا توجد مساهمة منشورة تذكر هذا البلد.
country-peers = ممن يمكن التعلم
country-by-objective = حسب هدف الاتفاق العالمي
country-by-objective-none = لم يُنشر شيء عن هذا البلد، ولم يُبلغ عن شيء للاستعراضات الإقليمية.
country-by-objective-hint = الأعمدة: السجلات المنشورة التي تذكر البلد. العلامات: ما أفادت به مساهماته (▲ تحدٍّ، ◆ أولوية، ● تقدّم).
country-table-caption = السجلات والإفادات حسب الهدف
peers-unavailable = يتعذر عرض المطابقات بين الأقران حالياً.
peers-none = لا توجد مطابقة: لم يُبلغ البلد عن أي تحدٍّ تستجيب له الممارسات المنشورة لبلد آخر.
peers-score = الدرجة { $score }
