#include "FaultProxy.h"
#include "ScratchDatabase.h"
#include "pg/OutcomeReadBack.h"

#include <QTest>

// What became of a transaction whose COMMIT answer was lost (FaultProxy cuts the connection right
// after the server answered it): OutcomeReadBack asks the server by the transaction's id, learnt
// before the COMMIT was sent. Committed, rolled back at the COMMIT (a deferred constraint), or
// nothing written are told apart; when the server cannot be reached again, it says so by throwing.
class TestOutcomeReadBack : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("readback")};
    PgConnection m_c;

    qint64 rows(int id)
    {
        return m_c.exec(QStringLiteral("SELECT count(*) FROM public.t WHERE id = $1"), {id}).toInt(0, 0);
    }

    // Runs statement in a transaction on a connection through a proxy that cuts it after the
    // COMMIT; returns the connection, whose COMMIT was lost.
    static void lostCommit(FaultProxy& proxy, PgConnection& c, const QString& statement)
    {
        c.open(proxy.params());
        proxy.cutAfterCommit(1);
        try {
            c.transaction([&] { c.exec(statement); });
            QFAIL("the COMMIT's answer arrived");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::UnknownOutcome);
        }
        QCOMPARE(proxy.cuts(), 1);
    }

private slots:
    void initTestCase()
    {
        m_c.open(m_db.params());
        m_c.execScript(QStringLiteral("CREATE TABLE public.t (id integer PRIMARY KEY, ref integer REFERENCES public.t "
                                      "(id) DEFERRABLE INITIALLY DEFERRED)"));
    }

    void committed()
    {
        FaultProxy proxy(m_db.params());
        PgConnection c;
        lostCommit(proxy, c, QStringLiteral("INSERT INTO public.t VALUES (1, NULL)"));
        QVERIFY(c.lostCommitXid() > 0);
        QVERIFY(OutcomeReadBack::committed(c));
        QVERIFY(c.isOpen());
        QCOMPARE(rows(1), 1);
    }

    void rolledBackAtTheCommit()
    {
        FaultProxy proxy(m_db.params());
        PgConnection c;
        // The deferred foreign key fails at the COMMIT: the server answers with an error, lost too.
        lostCommit(proxy, c, QStringLiteral("INSERT INTO public.t VALUES (2, 999)"));
        QVERIFY(!OutcomeReadBack::committed(c));
        QCOMPARE(rows(2), 0);
    }

    void nothingWrittenIsNotCommitted()
    {
        FaultProxy proxy(m_db.params());
        PgConnection c;
        lostCommit(proxy, c, QStringLiteral("SELECT count(*) FROM public.t"));
        QCOMPARE(c.lostCommitXid(), 0);
        QVERIFY(!OutcomeReadBack::committed(c));
    }

    void unreachableServerCannotBeReadBack()
    {
        FaultProxy proxy(m_db.params());
        proxy.refuseAfterCut();
        PgConnection c;
        lostCommit(proxy, c, QStringLiteral("INSERT INTO public.t VALUES (3, NULL)"));
        try {
            OutcomeReadBack::committed(c);
            QFAIL("an outcome was read from a server that cannot be reached");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Connection);
        }
        QCOMPARE(rows(3), 1); // it had committed all the same
    }
};

QTEST_GUILESS_MAIN(TestOutcomeReadBack)
#include "TestOutcomeReadBack.moc"
