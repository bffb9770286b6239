#pragma once

#include <QDialog>

class QPlainTextEdit;

// Shows one cell in full, as plain text: long text wrapped, JSON indented, bytea as a hex dump
// (CellFormatter). Not modal; deletes itself when closed.
class CellViewerDialog : public QDialog {
    Q_OBJECT
public:
    CellViewerDialog(const QString& title, const QString& text, QWidget* parent = nullptr);
    QString text() const;

private:
    QPlainTextEdit* m_text;
};
