#pragma once

#include "base/OutputFile.h"
#include "browse/TenantAccess.h"
#include "pg/PgSession.h"
#include "rows/BrowseQuery.h"
#include "rows/BrowseTable.h"
#include "rows/RowExportWriter.h"

#include <QTimer>
#include <atomic>
#include <memory>

// Exports the rows a query matches to a CSV or JSON file, streamed: keyset batches read in one
// REPEATABLE READ read-only transaction (one consistent state) on a session of its own, each
// batch written before the next is read. The file is an OutputFile (created new and 0600 as
// <path>.part, moved into place when complete), so a cancelled or failed export never leaves a
// file that looks whole, and an existing file is replaced only when the user asked for that.
class TableExporter : public QObject {
    Q_OBJECT
public:
    static constexpr int BatchRows = 5000;

    TableExporter(TenantAccess access, BrowseTable table, BrowseQuery query, QString path,
                  RowExportWriter::Format format, OutputFile::Existing existing, QObject* parent = nullptr);
    ~TableExporter() override;

    void start();
    void cancel();
    qint64 rowsWritten() const { return m_rows->load(); }
    const QString& path() const { return m_path; }

    // The export itself, blocking: also what tenantctl runs. Throws PgError (Cancelled when
    // cancelled is set), InputError for the file; rows counts what has been written so far.
    static void run(PgConnection& c, const TenantAccess& access, const BrowseTable& table, const BrowseQuery& query,
                    const QString& path, RowExportWriter::Format format, OutputFile::Existing existing,
                    std::atomic<qint64>& rows, const std::atomic<bool>& cancelled);

signals:
    void progress(qint64 rows);
    void finished(qint64 rows);
    void failed(const QString& message);

private:
    TenantAccess m_access;
    BrowseTable m_table;
    BrowseQuery m_query;
    QString m_path;
    RowExportWriter::Format m_format;
    OutputFile::Existing m_existing;
    PgSession* m_session;
    QTimer m_progressTimer;
    std::shared_ptr<std::atomic<qint64>> m_rows;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
};
