#include "ui/common/PlainTextDelegate.h"

#include <QHelpEvent>
#include <QStandardItemModel>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

// Tooltips carry server errors and tenant names: markup in them must show as the characters it
// is made of, never be rendered.
class TestPlainTextDelegate : public QObject {
    Q_OBJECT

private slots:
    void showsMarkupAsText()
    {
        QStandardItemModel model;
        auto* item = new QStandardItem(QStringLiteral("acme"));
        item->setToolTip(QStringLiteral("<b>Evil</b> & Co\nsecond line"));
        model.appendRow(item);
        QTreeView view;
        view.setModel(&model);
        view.setItemDelegate(new PlainTextDelegate(&view));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const QRect cell = view.visualRect(model.index(0, 0));
        QHelpEvent help(QEvent::ToolTip, cell.center(), view.viewport()->mapToGlobal(cell.center()));
        QVERIFY(view.itemDelegate()->helpEvent(&help, &view, QStyleOptionViewItem(), model.index(0, 0)));
        QTRY_VERIFY(QToolTip::isVisible());
        const QString shown = QToolTip::text();
        QVERIFY2(shown.contains(QStringLiteral("&lt;b&gt;Evil&lt;/b&gt; &amp; Co")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("<b>")));
        QVERIFY(shown.contains(QStringLiteral("<br"))); // the line break survives
    }
};

QTEST_MAIN(TestPlainTextDelegate)
#include "TestPlainTextDelegate.moc"
