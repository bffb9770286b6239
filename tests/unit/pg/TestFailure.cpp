#include "base/InputError.h"
#include "pg/PgError.h"

#include <QTest>

// The one text a person reads for either error: message, detail and hint, libpq's tab
// indentation of continuation lines dropped.
class TestFailure : public QObject {
    Q_OBJECT

private slots:
    void libpqIndentationIsDroppedOnce()
    {
        const PgError e(PgError::Kind::Connection,
                        QStringLiteral("connection to server failed: Connection refused\n"
                                       "\tIs the server running on that host and accepting TCP/IP connections?\n"),
                        {}, QStringLiteral("Key (slug)=(acme)\n\talready exists."),
                        QStringLiteral("Try another slug."));
        QCOMPARE(e.text(), QStringLiteral("connection to server failed: Connection refused\n"
                                          "Is the server running on that host and accepting TCP/IP connections?\n"
                                          "Detail: Key (slug)=(acme)\n"
                                          "already exists.\n"
                                          "Hint: Try another slug."));
        QCOMPARE(QString::fromUtf8(e.what()), e.message());
    }

    void inputErrorsReadTheSameWay()
    {
        const InputError e(QStringLiteral("  The file has more than 10 tenants: split it.\n"));
        QCOMPARE(e.text(), QStringLiteral("The file has more than 10 tenants: split it."));
        QVERIFY(e.detail().isEmpty());
        try {
            throw e;
        } catch (const Failure& caught) {
            QCOMPARE(caught.text(), e.text());
        }
    }
};

QTEST_GUILESS_MAIN(TestFailure)
#include "TestFailure.moc"
