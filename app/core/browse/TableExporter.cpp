#include "browse/TableExporter.h"

#include "browse/TenantReader.h"
#include "rows/KeysetPager.h"

TableExporter::TableExporter(TenantAccess access, BrowseTable table, BrowseQuery query, QString path,
                             RowExportWriter::Format format, OutputFile::Existing existing, QObject* parent)
    : QObject(parent)
    , m_access(std::move(access))
    , m_table(std::move(table))
    , m_query(std::move(query))
    , m_path(std::move(path))
    , m_format(format)
    , m_existing(existing)
    , m_session(new PgSession(this))
    , m_rows(std::make_shared<std::atomic<qint64>>(0))
    , m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emit progress(m_rows->load()); });
}

TableExporter::~TableExporter()
{
    cancel();
}

void TableExporter::start()
{
    m_progressTimer.start();
    m_session->run<void>(
        [access = m_access, table = m_table, query = m_query, path = m_path, format = m_format, existing = m_existing,
         rows = m_rows, cancelled = m_cancelled](PgConnection& c) {
            run(c, access, table, query, path, format, existing, *rows, *cancelled);
        },
        this,
        [this](Outcome<void> r) {
            m_progressTimer.stop();
            emit progress(m_rows->load());
            if (r.ok())
                emit finished(m_rows->load());
            else
                emit failed(r.error->is(PgError::Kind::Cancelled)
                                ? QStringLiteral("Export cancelled; no file was written.")
                                : r.error->text());
        });
}

void TableExporter::cancel()
{
    m_cancelled->store(true);
    m_session->cancel();
}

void TableExporter::run(PgConnection& c, const TenantAccess& access, const BrowseTable& table, const BrowseQuery& query,
                        const QString& path, RowExportWriter::Format format, OutputFile::Existing existing,
                        std::atomic<qint64>& rows, const std::atomic<bool>& cancelled)
{
    OutputFile file(path, existing);
    TenantReader reader(access);
    reader.connect(c);
    const KeysetPager pager(table, query);
    reader.read(
        c,
        [&] {
            // From the top on every attempt: a replica may cancel one midway (recovery conflict).
            file.restart();
            rows = 0;
            reader.scope().checkRelation(c, table.oid, table.schema, table.name);
            RowExportWriter writer(&file.device(), format, table);
            writer.begin();
            PageRequest request;
            request.limit = BatchRows;
            for (;;) {
                if (cancelled.load())
                    throw PgError(PgError::Kind::Cancelled, QStringLiteral("Export cancelled."));
                const BrowsePage page = pager.fetch(c, request);
                writer.write(page);
                rows += page.rowCount();
                if (page.rowCount() < request.limit && !page.isCutShort())
                    break;
                request.from = PageRequest::From::After;
                request.anchor = page.lastKey();
            }
            writer.end();
        },
        TenantReader::Snapshot::Stable);
    file.commit();
}
