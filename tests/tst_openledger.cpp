// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open ledger… (widgets/OpenLedgerDialog.h, MainWindow::openLedgerRequested) and the status bar's ledger text,
// offscreen: a file or a postgresql:// URL accepted, a URL with a password refused, the password prompt masked.
#include "ledger/Ledger.h"
#include "widgets/FileDialogs.h"
#include "widgets/MainWindow.h"
#include "widgets/OpenLedgerDialog.h"
#include "widgets/Services.h"

#include <QApplication>
#include <QDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/inotify.h>
#include <unistd.h>
#endif

using namespace ledgerguard;

class TestOpenLedger : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    // The file dialogs' icon provider names a file's type from its name and never opens it: closing any descriptor of
    // the open ledger drops this process's POSIX locks on it (SQLite's), after which another process deleted the WAL
    // under the running desktop and the ledger was corrupted. Qt's own provider reads each file's first bytes.
    void fileDialogsDoNotOpenTheFilesTheyList()
    {
#ifdef Q_OS_LINUX
        const QString path = m_dir.filePath(QStringLiteral("listed.sqlite"));
        auto ledger = Ledger::open(path);
        QVERIFY2(ledger.isOk(), qPrintable(ledger.status().toString()));
        const int watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        QVERIFY(watch >= 0);
        QVERIFY(inotify_add_watch(watch, QFile::encodeName(path).constData(), IN_OPEN) >= 0);
        const auto opened = [watch] {
            char events[4096];
            return ::read(watch, events, sizeof events) > 0;
        };
        const QFileInfo info(path);
        NameOnlyIconProvider provider;
        QVERIFY(!provider.type(info).isEmpty());
        (void)provider.icon(info);
        QVERIFY(!opened());
        (void)QFileIconProvider().type(info); // the control: Qt's provider opens the file
        QVERIFY(opened());
        ::close(watch);
#else
        QSKIP("inotify is Linux's");
#endif
    }

    void dialogAcceptsFilesAndUrlsRefusesPasswords()
    {
        OpenLedgerDialog dialog(QStringLiteral("/data/ledger.sqlite"));
        QCOMPARE(dialog.locationEdit()->text(), QStringLiteral("/data/ledger.sqlite"));
        QVERIFY(dialog.openButton()->isEnabled());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        dialog.locationEdit()->setText(QStringLiteral("postgresql://alice:secret@db.example.com/ledger"));
        QVERIFY(!dialog.openButton()->isEnabled());
        QVERIFY2(dialog.errorText().contains(QLatin1String("password")), qPrintable(dialog.errorText()));
        // The wrapped hint gets its lines: the dialog is as tall as its layout needs at its width.
        QVERIFY2(dialog.height() >= dialog.layout()->totalHeightForWidth(dialog.width()),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(dialog.height())
                                .arg(dialog.layout()->totalHeightForWidth(dialog.width()))));

        dialog.locationEdit()->setText(QStringLiteral("postgresql://db.example.com/ledger"));
        QVERIFY(!dialog.openButton()->isEnabled()); // no user

        dialog.locationEdit()->setText(
            QStringLiteral("  postgresql://alice@db.example.com:5433/ledger?sslmode=require "));
        QVERIFY2(dialog.openButton()->isEnabled(), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.location(), QStringLiteral("postgresql://alice@db.example.com:5433/ledger?sslmode=require"));

        dialog.locationEdit()->setText(QStringLiteral("books/new.sqlite"));
        QVERIFY(dialog.openButton()->isEnabled());
        QCOMPARE(dialog.location(), QDir::current().absoluteFilePath(QStringLiteral("books/new.sqlite")));

        dialog.locationEdit()->setText(QStringLiteral("   "));
        QVERIFY(!dialog.openButton()->isEnabled());
    }

    void passwordPromptIsMasked()
    {
        QString seenLabel;
        QLineEdit::EchoMode mode = QLineEdit::Normal;
        QTimer::singleShot(0, this, [&] {
            auto* prompt = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(prompt);
            seenLabel = prompt->labelText();
            mode = prompt->textEchoMode();
            prompt->setTextValue(QStringLiteral("s3cret"));
            prompt->accept();
        });
        QCOMPARE(askLedgerPassword(nullptr, QStringLiteral("postgresql://alice@db/ledger")), QStringLiteral("s3cret"));
        QVERIFY(seenLabel.contains(QLatin1String("postgresql://alice@db/ledger")));
        QCOMPARE(mode, QLineEdit::Password);

        QTimer::singleShot(0, this, [] { QApplication::activeModalWidget()->close(); });
        QVERIFY(askLedgerPassword(nullptr, QStringLiteral("postgresql://alice@db/ledger")).isNull());
    }

    void statusText()
    {
        QCOMPARE(ledgerStatusText(QStringLiteral("/data/l.sqlite"), {}, {}), QStringLiteral("/data/l.sqlite"));
        const QString pg = ledgerStatusText(QStringLiteral("postgresql://alice@db/ledger"), QStringLiteral("alice"),
                                            QStringLiteral("db"));
        QVERIFY2(pg.contains(QLatin1String("Connected as alice on db")), qPrintable(pg));
        QVERIFY(pg.startsWith(QLatin1String("postgresql://alice@db/ledger")));
    }

    // The window's File > Open ledger… hands the chosen location to the application; its status bar names the file.
    void windowRequestsTheChosenLedger()
    {
        auto ledger = Ledger::open(m_dir.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(ledger);
        MainWindow window(Services {ledger->get(), nullptr, nullptr, nullptr});
        auto* label = window.findChild<QLabel*>(QStringLiteral("ledgerLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), (*ledger)->database()->path());
        QCOMPARE(window.ledgerText(), (*ledger)->database()->path());

        QSignalSpy spy(&window, &MainWindow::openLedgerRequested);
        QAction* open = window.action(QStringLiteral("openLedgerAction"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
        const QString other = m_dir.filePath(QStringLiteral("b.sqlite"));
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<OpenLedgerDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QCOMPARE(dialog->locationEdit()->text(), (*ledger)->database()->path());
            dialog->locationEdit()->setText(other);
            dialog->openButton()->click();
        });
        open->trigger();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), other);

        // Cancelled: nothing requested.
        QTimer::singleShot(0, this, [] { QApplication::activeModalWidget()->close(); });
        open->trigger();
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_MAIN(TestOpenLedger)
#include "tst_openledger.moc"
