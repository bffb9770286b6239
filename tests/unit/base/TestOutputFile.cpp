#include "FileProbe.h"
#include "base/OutputFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

// The files TenantDesk writes for the user (archives, exports): created new, never through a
// planted link, 0600, and never replacing a file nobody asked to replace.
class TestOutputFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Whether making an OutputFile at target throws a message containing part.
    static bool refused(const QString& target, OutputFile::Existing existing, const QString& part)
    {
        try {
            OutputFile out(target, existing);
            out.write("the dump");
            out.commit();
        } catch (const InputError& e) {
            if (!e.message().contains(part))
                qWarning("unexpected message: %s", qPrintable(e.message()));
            return e.message().contains(part);
        }
        return false;
    }

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void writesANewFileWithMode0600()
    {
        const QString target = path(QStringLiteral("new.dump"));
        // Whatever the umask lets through, the file is the user's alone.
        const mode_t umask = ::umask(0);
        OutputFile out(target, OutputFile::Existing::Keep);
        ::umask(umask);
        QCOMPARE(out.path(), target);
        QCOMPARE(FileProbe::mode(target + QStringLiteral(".part")), 0600);
        out.write("first ");
        out.write("second");
        QVERIFY(!QFile::exists(target)); // nothing under the final name until it is whole
        out.commit();
        QCOMPARE(FileProbe::contents(target), QByteArray("first second"));
        QCOMPARE(FileProbe::mode(target), 0600);
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    }

    void startingOverKeepsOnlyTheLastAttempt()
    {
        const QString target = path(QStringLiteral("retried.csv"));
        OutputFile out(target, OutputFile::Existing::Keep);
        out.write("half of a first attempt");
        out.restart();
        out.write("whole");
        out.commit();
        QCOMPARE(FileProbe::contents(target), QByteArray("whole"));
    }

    void abandonedLeavesNothing()
    {
        const QString target = path(QStringLiteral("abandoned.csv"));
        {
            OutputFile out(target, OutputFile::Existing::Keep);
            out.write("partial");
        }
        QVERIFY(!QFile::exists(target));
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    }

    void symlinkAtThePartPathIsRefused()
    {
        const QString victim = path(QStringLiteral("victim-part"));
        FileProbe::write(victim, "precious");
        QVERIFY(QFile::setPermissions(victim, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QString target = path(QStringLiteral("linked-part.dump"));
        QVERIFY(QFile::link(victim, target + QStringLiteral(".part")));
        QVERIFY(refused(target, OutputFile::Existing::Replace, QStringLiteral(".part")));
        QCOMPARE(FileProbe::contents(victim), QByteArray("precious"));
        QVERIFY(!QFile::exists(target));
        // The planted link is the user's to remove; it is not followed, not removed.
        QVERIFY(QFileInfo(target + QStringLiteral(".part")).isSymLink());
    }

    void danglingSymlinkAtThePartPathIsRefused()
    {
        const QString victim = path(QStringLiteral("would-be-created"));
        const QString target = path(QStringLiteral("dangling.dump"));
        QVERIFY(QFile::link(victim, target + QStringLiteral(".part")));
        QVERIFY(refused(target, OutputFile::Existing::Replace, QStringLiteral(".part")));
        QVERIFY(!QFile::exists(victim));
    }

    void symlinkAtTheTargetIsNotFollowed()
    {
        const QString victim = path(QStringLiteral("victim-target"));
        FileProbe::write(victim, "precious");
        const QString target = path(QStringLiteral("linked-target.dump"));
        QVERIFY(QFile::link(victim, target));
        QVERIFY(refused(target, OutputFile::Existing::Keep, QStringLiteral("exists")));
        QCOMPARE(FileProbe::contents(victim), QByteArray("precious"));
        QVERIFY(QFileInfo(target).isSymLink());
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
        // Asked to replace: the link itself is replaced by the new file, the victim stays.
        OutputFile out(target, OutputFile::Existing::Replace);
        out.write("the dump");
        out.commit();
        QVERIFY(!QFileInfo(target).isSymLink());
        QCOMPARE(FileProbe::contents(target), QByteArray("the dump"));
        QCOMPARE(FileProbe::contents(victim), QByteArray("precious"));
    }

    void existingFileIsNotReplacedUnlessAsked()
    {
        const QString target = path(QStringLiteral("existing.csv"));
        FileProbe::write(target, "keep me");
        QVERIFY(refused(target, OutputFile::Existing::Keep, QStringLiteral("exists")));
        QCOMPARE(FileProbe::contents(target), QByteArray("keep me"));
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));

        OutputFile out(target, OutputFile::Existing::Replace);
        out.write("replaced");
        out.commit();
        QCOMPARE(FileProbe::contents(target), QByteArray("replaced"));
        QCOMPARE(FileProbe::mode(target), 0600);
    }

    void fileThatAppearsDuringTheWriteIsNotReplaced()
    {
        const QString target = path(QStringLiteral("raced.csv"));
        OutputFile out(target, OutputFile::Existing::Keep);
        out.write("late");
        FileProbe::write(target, "came first");
        try {
            out.commit();
            QFAIL("committed over a file that appeared meanwhile");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains(QStringLiteral("exists")), qPrintable(e.message()));
        }
        QCOMPARE(FileProbe::contents(target), QByteArray("came first"));
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
    }
};

QTEST_GUILESS_MAIN(TestOutputFile)
#include "TestOutputFile.moc"
