<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="130"/>
        <source>The spans are still loading: this document can be edited once they are in.</source>
        <translation>ما زالت المقاطع الموسومة قيد التحميل: يمكن تحرير هذا المستند بعد اكتمال تحميلها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="317"/>
        <source>Select a span to delete (click it, or Tab to it).</source>
        <translation>حدِّد مقطعًا موسومًا لحذفه (انقر عليه، أو انتقل إليه بمفتاح Tab).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="327"/>
        <source>No suggestion here.</source>
        <translation>لا يوجد اقتراح هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="338"/>
        <source>Select a span to move its edges.</source>
        <translation>حدِّد مقطعًا موسومًا لتحريك حدَّيه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="351"/>
        <source>Select a span to label all its occurrences.</source>
        <translation>حدِّد مقطعًا موسومًا لوسم كل مواضع نصه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="362"/>
        <source>Labelled {count} more occurrences as {label}.</source>
        <translation>وُسم {count} موضعًا آخر بالوسم {label}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="412"/>
        <source>No more suggestions after this one.</source>
        <translation>لا اقتراحات بعد هذا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="414"/>
        <source>No more suggestions before this one.</source>
        <translation>لا اقتراحات قبل هذا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="454"/>
        <source>suggested by the model, score {score:.2f}</source>
        <translation>اقتراح النموذج، درجته {score:.2f}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="472"/>
        <source>No label on key {key}.</source>
        <translation>لا يوجد وسم على المفتاح {key}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/article_view.py" line="453"/>
        <location filename="../../annotator/gui/i18n.py" line="41"/>
        <source>suggested</source>
        <translation>مقترَح</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../annotator/gui/background.py" line="29"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/background.py" line="64"/>
        <source>Agreement report written to {path}</source>
        <translation>كُتب تقرير الاتفاق في {path}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/background.py" line="76"/>
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="38"/>
        <location filename="../../annotator/gui/backup_dialog.py" line="126"/>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="42"/>
        <source>Backups of {name}, newest first. Restoring one replaces everything in the project with what the backup holds; the current state is kept as a backup first.</source>
        <translation>النسخ الاحتياطية من {name}، الأحدث أولاً. استعادة نسخة تستبدل كل ما في المشروع بما تحويه النسخة، بعد حفظ الحالة الحالية نسخةً احتياطية أولاً.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="48"/>
        <source>There are no backups of {name} yet. One is taken when a project opens and every 30 minutes while you work.</source>
        <translation>لا توجد نسخ احتياطية من {name} بعد. تُؤخذ نسخة عند فتح المشروع وكل 30 دقيقة أثناء العمل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="55"/>
        <source>Taken</source>
        <translation>أُخذت في</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="55"/>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="55"/>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="55"/>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="68"/>
        <source>before a restore</source>
        <translation>قبل استعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="80"/>
        <source>Kept in {folder}</source>
        <translation>محفوظة في {folder}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="89"/>
        <source>Restore…</source>
        <translation>استعادة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="109"/>
        <source>unreadable</source>
        <translation>غير مقروءة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="113"/>
        <source>{number} MB</source>
        <translation>{number} م.ب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="114"/>
        <source>{number} KB</source>
        <translation>{number} ك.ب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_dialog.py" line="128"/>
        <source>Replace the project with the backup taken {time} ({documents} documents, {spans} spans)? The current state is kept as a backup first, so you can go back to it. The undo history is cleared.</source>
        <translation>استبدال المشروع بالنسخة الاحتياطية المأخوذة في {time} ({documents} مستندات، {spans} وسوم)؟ تُحفظ الحالة الحالية نسخةً احتياطية أولاً لتتمكن من العودة إليها. يُمحى سجل التراجع.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../annotator/gui/crash.py" line="147"/>
        <source>The details are in the log file:
{path}</source>
        <translation>التفاصيل في ملف السجل:
{path}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/crash.py" line="149"/>
        <source>The details were written to the error output (stderr).</source>
        <translation>كُتبت التفاصيل في مخرج الأخطاء (stderr).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/crash.py" line="153"/>
        <source>Something went wrong</source>
        <translation>حدث خطأ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/crash.py" line="157"/>
        <source>Something went wrong: {error}

Your work is saved: every change is written to the project file the moment you make it. The app keeps running; if it misbehaves, close it and open it again.

{where}</source>
        <translation>حدث خطأ: {error}

عملك محفوظ: كل تغيير يُكتب في ملف المشروع لحظة إجرائه. يستمر التطبيق في العمل؛ وإن اضطرب سلوكه فأغلقه وافتحه من جديد.

{where}</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="377"/>
        <source>Filter documents</source>
        <translation>تصفية المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="380"/>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="381"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="382"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="383"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="192"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="194"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="195"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="236"/>
        <source>The model&apos;s doubt: {percent}%</source>
        <translation>شك النموذج: {percent}٪</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="261"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="263"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="265"/>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
</context>
<context>
    <name>ExportWorker</name>
    <message>
        <location filename="../../annotator/gui/workers.py" line="89"/>
        <source>Spans written: {rows}</source>
        <translation>الوسوم المكتوبة: {rows}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/workers.py" line="92"/>
        <source>; cells given a leading &apos; so that spreadsheets show them as text, not as formulas: {cells}</source>
        <translation>؛ خلايا أُضيفت في أولها &apos; لتعرضها جداول البيانات نصًا لا صيغًا: {cells}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/workers.py" line="96"/>
        <source>{tokens} tokens written; {inexact} spans not exact</source>
        <translation>كُتبت {tokens} وحدة لفظية؛ {inexact} مقاطع لم تُكتب بدقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/workers.py" line="100"/>
        <source>{lines} documents written</source>
        <translation>كُتب {lines} مستندًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/workers.py" line="102"/>
        <source>No document written: {why}</source>
        <translation>لم يُكتب أي مستند: {why}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/workers.py" line="107"/>
        <source>Export cancelled: the file was not changed.</source>
        <translation>أُلغي التصدير: لم يتغير الملف.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="49"/>
        <source>Find in the article (Enter: next)</source>
        <translation>ابحث في المقال (Enter: التالي)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="55"/>
        <source>Close the find bar (Esc)</source>
        <translation>أغلق شريط البحث (Esc)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="136"/>
        <source>No matches</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="139"/>
        <source>{number} of more than {total}</source>
        <translation>{number} من أكثر من {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="141"/>
        <source>{number} of {total}</source>
        <translation>{number} من {total}</translation>
    </message>
</context>
<context>
    <name>HubSync</name>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="65"/>
        <source>Hub: synced {when}</source>
        <translation>المركز: آخر مزامنة {when}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="73"/>
        <location filename="../../annotator/gui/hub_sync.py" line="121"/>
        <source>Sync with team hub</source>
        <translation>المزامنة مع مركز الفريق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="75"/>
        <source>The team hub&apos;s address (from your coordinator), for example
postgresql://{name}@hub.example.org/annotation</source>
        <translation>عنوان مركز الفريق (من منسّق الفريق)، مثلاً:
postgresql://{name}@hub.example.org/annotation</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="93"/>
        <source>Syncing with the team hub…</source>
        <translation>جارٍ المزامنة مع مركز الفريق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="101"/>
        <source>Hub synced: {documents} new documents, {sent} sent, {taken} taken.</source>
        <translation>تمت المزامنة: {documents} مستندات جديدة، أُرسل {sent}، وأُخذ {taken}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="113"/>
        <source>{reason} Your work is safe here: sync again when online.</source>
        <translation>{reason} عملك محفوظ هنا: زامن مرة أخرى عند الاتصال.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/hub_sync.py" line="122"/>
        <source>The hub asks for your password:</source>
        <translation>يطلب المركز كلمة المرور:</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <location filename="../../annotator/gui/workers.py" line="65"/>
        <source>Import cancelled: nothing was imported.</source>
        <translation>أُلغي الاستيراد: لم يُستورد شيء.</translation>
    </message>
</context>
<context>
    <name>Labelling</name>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="41"/>
        <source>No {label} suggestions here.</source>
        <translation>لا توجد اقتراحات {label} هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="50"/>
        <source>Select a span to label all its occurrences.</source>
        <translation>حدِّد مقطعًا موسومًا لوسم كل مواضع نصه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="55"/>
        <source>Label all occurrences</source>
        <translation>وسم كل المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="58"/>
        <source>Label every occurrence of “{text}” as {label} in all {count} documents?</source>
        <translation>أتَسِم كل مواضع «{text}» بالوسم {label} في المستندات كلها ({count})؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="73"/>
        <source>Finding every occurrence…</source>
        <translation>جارٍ البحث عن كل المواضع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/labelling.py" line="84"/>
        <source>Labelled {count} more occurrences as {label}.</source>
        <translation>وُسم {count} موضعًا آخر بالوسم {label}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="95"/>
        <source>Annotator — {name}</source>
        <translation>أداة التوسيم — {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="111"/>
        <location filename="../../annotator/gui/main_window.py" line="260"/>
        <source>Annotator: {name}</source>
        <translation>المُوسِّم: {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/recent_projects.py" line="54"/>
        <source>{project} (missing)</source>
        <translation>{project} (غير موجود)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/recent_projects.py" line="60"/>
        <source>No recent projects</source>
        <translation>لا مشاريع حديثة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/backup_schedule.py" line="40"/>
        <source>No automatic backup: {problem}</source>
        <translation>تعذّر النسخ الاحتياطي التلقائي: {problem}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="239"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="240"/>
        <source>Your name, recorded on every span:</source>
        <translation>اسمك، ويُسجَّل على كل مقطع موسوم:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="326"/>
        <source>A control document: no suggestions here, to measure their effect.</source>
        <translation>مستند ضابط: لا اقتراحات هنا، لقياس أثرها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="335"/>
        <source>No more documents that way.</source>
        <translation>لا مزيد من المستندات في هذا الاتجاه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="350"/>
        <source>All documents are done.</source>
        <translation>أُنجزت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="425"/>
        <source>Document {number} of {total}: {title} · loading spans… {percent}%</source>
        <translation>المستند {number} من {total}: {title} · تحميل المقاطع الموسومة… {percent}٪</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="427"/>
        <source>Document {number} of {total}: {title} · spans not loaded</source>
        <translation>المستند {number} من {total}: {title} · لم تُحمَّل المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="429"/>
        <source>Document {number} of {total}: {title} · {spans} spans</source>
        <translation>المستند {number} من {total}: {title} · المقاطع الموسومة: {spans}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="441"/>
        <source>Saved</source>
        <translation>حُفظ</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="27"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="28"/>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="29"/>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="30"/>
        <source>Open &amp;recent</source>
        <translation>المشاريع ال&amp;أخيرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="32"/>
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="33"/>
        <source>&amp;Export my spans…</source>
        <translation>ت&amp;صدير مقاطعي الموسومة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="35"/>
        <source>Restore &amp;backup…</source>
        <translation>استعادة &amp;نسخة احتياطية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="39"/>
        <source>S&amp;ync with team hub…</source>
        <translation>ال&amp;مزامنة مع مركز الفريق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="44"/>
        <source>Change annotator name…</source>
        <translation>تغيير اسم المُوسِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="45"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="47"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="48"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="49"/>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="50"/>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="53"/>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="55"/>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="58"/>
        <source>Label all occurrences in this document</source>
        <translation>وسم كل المواضع في هذا المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="62"/>
        <source>Label all occurrences in every document…</source>
        <translation>وسم كل المواضع في كل المستندات…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="66"/>
        <source>Accept all suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="76"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="77"/>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="78"/>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="79"/>
        <source>Font…</source>
        <translation>الخط…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="81"/>
        <source>Snap selections to whole words</source>
        <translation>توسيع التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="84"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة (Language)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="96"/>
        <source>&amp;Document</source>
        <translation>مستن&amp;د</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="98"/>
        <source>Done, open the next</source>
        <translation>تم، افتح التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="100"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="102"/>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="106"/>
        <source>Next most uncertain document</source>
        <translation>المستند التالي الأقل يقينًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="112"/>
        <source>List the most uncertain first</source>
        <translation>اعرض الأقل يقينًا أولًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="118"/>
        <source>Train the model now</source>
        <translation>درِّب النموذج الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="121"/>
        <source>Start from the starter model</source>
        <translation>ابدأ بالنموذج الأولي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="125"/>
        <source>Model suggestions…</source>
        <translation>اقتراحات النموذج…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="126"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="127"/>
        <source>Review annotators&apos; work…</source>
        <translation>مراجعة عمل المُوسِّمين…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="128"/>
        <source>Agreement report…</source>
        <translation>تقرير الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="129"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/window_menus.py" line="130"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="46"/>
        <source>Drive</source>
        <translation>قرص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="47"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="53"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="54"/>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>اختصار</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="44"/>
        <source>&amp;Look in:</source>
        <translation>ا&amp;بحث في:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="45"/>
        <source>Files of &amp;type:</source>
        <translation>الملفات من ال&amp;نوع:</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <location filename="../../annotator/gui/i18n.py" line="40"/>
        <location filename="../../annotator/gui/i18n.py" line="138"/>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="97"/>
        <source>Review: {name}</source>
        <translation>المراجعة: {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="122"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="122"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="122"/>
        <source>Proposed by</source>
        <translation>اقترحه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="122"/>
        <source>Gold</source>
        <translation>المعتمد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="136"/>
        <source>Hide annotators&apos; names</source>
        <translation>إخفاء أسماء المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="143"/>
        <location filename="../../annotator/gui/review_window.py" line="193"/>
        <source>Accept</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="144"/>
        <location filename="../../annotator/gui/review_window.py" line="194"/>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="145"/>
        <location filename="../../annotator/gui/review_window.py" line="195"/>
        <source>Take back</source>
        <translation>سحب الاعتماد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="146"/>
        <source>Accept all agreed</source>
        <translation>اعتماد كل ما اتفقوا عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="147"/>
        <source>Accept majority</source>
        <translation>اعتماد ما اتفقت عليه الأغلبية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="149"/>
        <source>Reject all and mark curated</source>
        <translation>رفض الكل وتعليم المستند مراجَعًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="148"/>
        <source>Mark curated</source>
        <translation>تعليم المستند مراجَعًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="159"/>
        <source>Accept the selected text as</source>
        <translation>اعتماد النص المحدد بالوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="150"/>
        <source>Agreement report</source>
        <translation>تقرير الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="189"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="190"/>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="191"/>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="192"/>
        <source>&amp;Decide</source>
        <translation>&amp;قرار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="197"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="198"/>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="199"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="200"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="201"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="212"/>
        <source>No more documents that way.</source>
        <translation>لا مزيد من المستندات في هذا الاتجاه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="231"/>
        <source>Compare two or more annotators.</source>
        <translation>قارن بين مُوسِّمَين أو أكثر.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="257"/>
        <source>No document is marked done by every annotator compared here.</source>
        <translation>لا يوجد مستند أنهاه كل المُوسِّمين المقارَنين هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="338"/>
        <source> ✓ in the gold layer</source>
        <translation> ✓ في الطبقة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="392"/>
        <location filename="../../annotator/gui/review_window.py" line="399"/>
        <source>Annotator {number}</source>
        <translation>المُوسِّم {number}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/review_window.py" line="487"/>
        <source>Select the text to accept first.</source>
        <translation>حدّد النص المراد اعتماده أولًا.</translation>
    </message>
</context>
<context>
    <name>SpanList</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="347"/>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
</context>
<context>
    <name>SpanLoading</name>
    <message>
        <location filename="../../annotator/gui/span_loading.py" line="191"/>
        <source>The spans could not be read (the log says why): open the document again.</source>
        <translation>تعذّرت قراءة المقاطع الموسومة (يذكر السجلّ السبب): افتح المستند مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="226"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="226"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="226"/>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="226"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="265"/>
        <source>at least</source>
        <translation>لا يقل عن</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="266"/>
        <source>at most</source>
        <translation>لا يزيد على</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="267"/>
        <source>about</source>
        <translation>نحو</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="268"/>
        <source>a multiple of</source>
        <translation>من مضاعفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="271"/>
        <source>Double-click to correct the value</source>
        <translation>انقر نقرًا مزدوجًا لتصحيح القيمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="280"/>
        <source>Not a number: {text}</source>
        <translation>ليس رقمًا: {text}</translation>
    </message>
</context>
<context>
    <name>Succession</name>
    <message>
        <location filename="../../annotator/gui/succession.py" line="66"/>
        <location filename="../../annotator/gui/succession.py" line="82"/>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="68"/>
        <location filename="../../annotator/gui/succession.py" line="95"/>
        <source>annotator projects (*.db *.sqlite)</source>
        <translation>مشاريع annotator (*.db *.sqlite)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="83"/>
        <source>{path}: already exists; to work on it, use File &gt; Open project…</source>
        <translation>{path}: موجود بالفعل؛ لتعمل عليه استخدم ملف &gt; فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="93"/>
        <location filename="../../annotator/gui/succession.py" line="127"/>
        <location filename="../../annotator/gui/succession.py" line="133"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="95"/>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="112"/>
        <source>{name} is already open in this window.</source>
        <translation>{name} مفتوح بالفعل في هذه النافذة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="120"/>
        <source>Wait for the work under way to finish, then open another project.</source>
        <translation>انتظر انتهاء العمل الجاري، ثم افتح مشروعاً آخر.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="142"/>
        <source>Opened {name}.</source>
        <translation>فُتح {name}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="168"/>
        <source>Wait for the work under way to finish, then restore.</source>
        <translation>انتظر انتهاء العمل الجاري، ثم استعد النسخة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="179"/>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="188"/>
        <source>Restored the backup taken {time}: {documents} documents, {spans} spans.</source>
        <translation>استُعيدت النسخة الاحتياطية المأخوذة في {time}: {documents} مستندات، {spans} وسوم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="213"/>
        <source>The interface is already in {language}.</source>
        <translation>الواجهة معروضة باللغة {language} أصلًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="217"/>
        <source>Wait for the work under way to finish, then switch.</source>
        <translation>انتظر حتى ينتهي العمل الجاري، ثم بدّل اللغة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/succession.py" line="233"/>
        <source>Interface language: {language}.</source>
        <translation>لغة الواجهة: {language}.</translation>
    </message>
</context>
<context>
    <name>Tagger</name>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="120"/>
        <source>The model is being trained already.</source>
        <translation>النموذج قيد التدريب بالفعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="163"/>
        <source>The model&apos;s F1 is {f1:.2f}: it suggests nothing until it reaches {min:.2f}.</source>
        <translation>مقياس F1 للنموذج {f1:.2f}: لن يقترح شيئًا حتى يبلغ {min:.2f}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="171"/>
        <source>Nothing to learn from yet: mark a document done first.</source>
        <translation>لا شيء يتعلم منه بعد: علِّم مستندًا منجزًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="172"/>
        <source>The model was not trained: {why}</source>
        <translation>لم يُدرَّب النموذج: {why}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="176"/>
        <source>Model: training…</source>
        <translation>النموذج: قيد التدريب…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="179"/>
        <source>Model: none yet</source>
        <translation>النموذج: لا نموذج بعد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="185"/>
        <source>F1 not measured</source>
        <translation>F1 غير مقيس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="188"/>
        <source>Model: the starter model · {f1}</source>
        <translation>النموذج: النموذج الأولي · {f1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="192"/>
        <source>Model: trained {when} on {spans} spans · {f1}</source>
        <translation>النموذج: دُرِّب {when} على {spans} مقطعًا · {f1}</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <location filename="../../annotator/gui/workers.py" line="181"/>
        <source>The training stopped unexpectedly.</source>
        <translation>توقف التدريب على غير المتوقع.</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="43"/>
        <source>Import documents</source>
        <translation>استيراد مستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="45"/>
        <source>Documents (*.txt *.jsonl *.csv *.tsv *.conll *.json);;All files (*)</source>
        <translation>مستندات (*.txt *.jsonl *.csv *.tsv *.conll *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="59"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="62"/>
        <source>Importing… {count} documents read</source>
        <translation>جارٍ الاستيراد… قُرئ {count} مستندًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="71"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="72"/>
        <source>These files do not say who annotated them. Whose spans are they?</source>
        <translation>لا تذكر هذه الملفات مَن وسمها. لمن هذه المقاطع الموسومة؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="82"/>
        <source>Imported {documents} documents and {spans} spans ({notes} notes)</source>
        <translation>استُورد {documents} مستندًا و{spans} مقطعًا موسومًا ({notes} ملاحظات)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="90"/>
        <source>Export my spans</source>
        <translation>تصدير مقاطعي الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/transfers.py" line="101"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../annotator/gui/app.py" line="94"/>
        <source>annotator labels Arabic news reports: the actors, locations, numbers and sources in them.</source>
        <translation>annotator أداة لوسم التقارير الإخبارية العربية: الفاعلين والأماكن والأعداد والمصادر فيها.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="99"/>
        <source>Your name is recorded on every span you make, so that a reviewer can compare annotators&apos; work. You can change it later (File &gt; Change annotator name).</source>
        <translation>يُسجَّل اسمك على كل مقطع تسِمه، ليتمكن المراجع من المقارنة بين عمل الموسِّمين. يمكنك تغييره لاحقًا (ملف &gt; تغيير اسم الموسِّم).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="107"/>
        <source>A demo project with seven short reports opens next; File &gt; New project… starts your own.</source>
        <translation>سيُفتح بعد ذلك مشروع تجريبي فيه سبعة تقارير قصيرة؛ ويبدأ «ملف &gt; مشروع جديد…» مشروعك الخاص.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="113"/>
        <source>Your name, recorded on every span:</source>
        <translation>اسمك، ويُسجَّل على كل مقطع موسوم:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="120"/>
        <source>Welcome to annotator</source>
        <translation>مرحبًا بك في annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/app.py" line="176"/>
        <source>{path} is no longer there, so the demo project is open instead.</source>
        <translation>{path} لم يعد موجوداً، ففُتح المشروع التجريبي بدلاً منه.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="233"/>
        <source>Model suggestions</source>
        <translation>اقتراحات النموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="239"/>
        <source>Show a suggestion from the score</source>
        <translation>اعرض الاقتراح ابتداءً من الدرجة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="244"/>
        <source>Suggest only once the model&apos;s F1 reaches</source>
        <translation>لا تقترح إلا حين يبلغ مقياس F1 للنموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="248"/>
        <source>only on demand</source>
        <translation>عند الطلب فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="249"/>
        <source>Train again after this many new spans</source>
        <translation>أعِد التدريب بعد هذا العدد من المقاطع الجديدة</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../annotator/gui/errors.py" line="17"/>
        <source>the project is busy: another program (an import, a merge?) is writing to it; nothing was changed, try again when it is done</source>
        <translation>المشروع مشغول: برنامج آخر (استيراد أو دمج؟) يكتب فيه؛ لم يتغير شيء، فأعِد المحاولة حين ينتهي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="22"/>
        <source>That span is there already, with that label.</source>
        <translation>هذا المقطع موجود بالفعل، بهذا الوسم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="23"/>
        <source>That span is no longer there: another program changed it. Nothing was changed.</source>
        <translation>لم يعد هذا المقطع موجودًا: غيّره برنامج آخر. لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="26"/>
        <source>A span cannot go there: it would leave the text or hold nothing.</source>
        <translation>لا يمكن أن يمتد المقطع إلى هناك: سيخرج من النص أو لن يحوي شيئًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="29"/>
        <source>Select some text first, then press a label key.</source>
        <translation>حدِّد نصًا أولًا، ثم اضغط مفتاح وسم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="32"/>
        <source>The selection holds no word: nothing to label.</source>
        <translation>التحديد لا يحوي كلمة: لا شيء لوسمه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="33"/>
        <source>The selection holds only spaces: nothing to label.</source>
        <translation>التحديد لا يحوي إلا مسافات: لا شيء لوسمه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="36"/>
        <source>That document is no longer in the project.</source>
        <translation>لم يعد هذا المستند في المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="37"/>
        <source>A name cannot hold a control or direction character (a right-to-left override, for one): it must read the same wherever it is shown.</source>
        <translation>لا يجوز أن يحوي الاسم محرف تحكم أو محرف اتجاه (كمحرف فرض الاتجاه من اليمين إلى اليسار): يجب أن يُقرأ الاسم كما هو أينما ظهر.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/errors.py" line="42"/>
        <source>Reviewing needs two or more annotators with spans or a finished document.</source>
        <translation>تحتاج المراجعة إلى موسِّمَين أو أكثر لهم مقاطع أو مستند منجز.</translation>
    </message>
</context>
<context>
    <name>self.model</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="412"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="415"/>
        <source>Spans</source>
        <translation>الوسوم</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="25"/>
        <source>Select the next / previous word</source>
        <translation>تحديد الكلمة التالية / السابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="32"/>
        <source>Select the span under the mouse (the innermost one)</source>
        <translation>تحديد المقطع الموسوم تحت مؤشر الفأرة (الأعمق منها)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="48"/>
        <source>Move the selected span&apos;s start by one character</source>
        <translation>تحريك بداية المقطع المحدَّد حرفًا واحدًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="52"/>
        <source>Move the selected span&apos;s end by one character</source>
        <translation>تحريك نهاية المقطع المحدَّد حرفًا واحدًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="13"/>
        <source>Label the selection (snapped to whole words), or relabel the selected span; in the span list too</source>
        <translation>وسم التحديد (موسَّعًا إلى كلمات كاملة)، أو تغيير وسم المقطع المحدَّد؛ وفي قائمة المقاطع أيضًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="21"/>
        <source>Label exactly the selected characters (no snapping, always by hand)</source>
        <translation>وسم الأحرف المحدَّدة بالضبط (دون توسيع، وسمًا يدويًا دائمًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="28"/>
        <source>Extend or shrink the selection by a whole word</source>
        <translation>توسيع التحديد أو تضييقه كلمةً كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="36"/>
        <source>Move the selected span&apos;s start or end with the mouse (to a word&apos;s edge; with Alt, exactly)</source>
        <translation>تحريك بداية المقطع المحدَّد أو نهايته بالفأرة (إلى حد كلمة؛ وبالضبط مع Alt)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="44"/>
        <source>Delete the selected span (nothing is selected then)</source>
        <translation>حذف المقطع المحدَّد (ولا يبقى شيء محدَّدًا بعده)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="56"/>
        <source>Select the next / previous suggestion, in every paragraph</source>
        <translation>تحديد الاقتراح التالي / السابق، في كل الفقرات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="60"/>
        <source>Accept the selected suggestion (or the one under the cursor)</source>
        <translation>قبول الاقتراح المحدَّد (أو الاقتراح عند المؤشر)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="66"/>
        <source>Reject the selected suggestion (it does not come back)</source>
        <translation>رفض الاقتراح المحدَّد (ولن يظهر مجددًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="70"/>
        <source>Accept every suggestion of that label in the document</source>
        <translation>قبول كل اقتراحات ذلك الوسم في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="74"/>
        <source>Label every occurrence of the selected span&apos;s text in the document</source>
        <translation>وسم كل مواضع نص المقطع المحدَّد في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="80"/>
        <source>Label every occurrence of it in every document (asks first)</source>
        <translation>وسم كل مواضعه في كل المستندات (بعد السؤال)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="84"/>
        <source>Clear the selection</source>
        <translation>إلغاء التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="87"/>
        <source>Undo / redo (also across documents)</source>
        <translation>تراجع / إعادة (عبر المستندات أيضًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="91"/>
        <source>Find (ignores diacritics, tatweel and hamza/alef/yaa/taa marbuta spellings)</source>
        <translation>بحث (يتجاهل التشكيل والتطويل واختلاف رسم الهمزة والألف والياء والتاء المربوطة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="98"/>
        <source>In the find bar: the next / previous match; close it</source>
        <translation>في شريط البحث: النتيجة التالية / السابقة؛ وإغلاقه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="102"/>
        <source>Correct a NUMBER&apos;s value in the span list</source>
        <translation>تصحيح قيمة عدد (NUMBER) في قائمة المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="106"/>
        <source>Mark the document done and open the next unfinished one (from the top when none is left below)</source>
        <translation>وضع علامة «منجز» على المستند وفتح التالي غير المنجز (من الأعلى إن لم يبقَ شيء بعده)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="118"/>
        <source>Open the unfinished document the model is least sure of (Document &gt; List the most uncertain first orders the list so)</source>
        <translation>افتح المستند غير المنجز الذي يقلّ يقين النموذج فيه (مستند &gt; اعرض الأقل يقينًا أولًا يرتب القائمة كذلك)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="126"/>
        <source>Train the model on the finished documents now, in the background (it also trains when a document is marked done)</source>
        <translation>درِّب النموذج على المستندات المنجزة الآن، في الخلفية (ويتدرب أيضًا حين يُعلَّم مستند منجزًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="140"/>
        <source>Select the previous / next proposal</source>
        <translation>تحديد المقترح السابق / التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="141"/>
        <source>Accept the selected proposal into the gold layer</source>
        <translation>قبول المقترح المحدَّد في الطبقة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="142"/>
        <source>Reject the selected proposal</source>
        <translation>رفض المقترح المحدَّد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="145"/>
        <source>Take the selected proposal back out of the gold layer</source>
        <translation>سحب المقترح المحدَّد من الطبقة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="151"/>
        <source>Undo / redo a decision</source>
        <translation>التراجع عن قرار / إعادته</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="153"/>
        <source>Close the review window</source>
        <translation>إغلاق نافذة المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="171"/>
        <source>In the review window</source>
        <translation>في نافذة المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="198"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="114"/>
        <location filename="../../annotator/gui/shortcuts.py" line="149"/>
        <source>Open the next / previous document</source>
        <translation>فتح المستند التالي / السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="132"/>
        <source>Import files / export my spans</source>
        <translation>استيراد ملفات / تصدير مقاطعي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="133"/>
        <source>Larger / smaller text</source>
        <translation>تكبير / تصغير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="134"/>
        <location filename="../../annotator/gui/shortcuts.py" line="152"/>
        <source>This sheet</source>
        <translation>هذا الجدول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/shortcuts.py" line="135"/>
        <source>Quit (everything is already saved)</source>
        <translation>خروج (كل شيء محفوظ سلفًا)</translation>
    </message>
</context>
<context>
    <name>window.tagger</name>
    <message>
        <location filename="../../annotator/gui/tagger.py" line="223"/>
        <source>No unfinished document has a doubt yet: train the model first.</source>
        <translation>لا مستند غير منجز له درجة شك بعد: درِّب النموذج أولًا.</translation>
    </message>
</context>
</TS>
