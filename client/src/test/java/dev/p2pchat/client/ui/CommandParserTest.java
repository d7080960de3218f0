package dev.p2pchat.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {
  @Test
  void plainLinesAreMessages() {
    assertThat(CommandParser.parse("  hello there  ")).isEqualTo(new UiCommand.Say("hello there"));
    assertThat(CommandParser.parse("//shrug")).isEqualTo(new UiCommand.Say("/shrug"));
    assertThat(CommandParser.parse("   ")).isEqualTo(new UiCommand.Empty());
  }

  @Test
  void commandsAreRecognised() {
    assertThat(CommandParser.parse("/help")).isEqualTo(new UiCommand.Help());
    assertThat(CommandParser.parse("/QUIT")).isEqualTo(new UiCommand.Quit());
    assertThat(CommandParser.parse("/status")).isEqualTo(new UiCommand.Status());
    assertThat(CommandParser.parse("/history")).isEqualTo(new UiCommand.History(CommandParser.DEFAULT_HISTORY));
    assertThat(CommandParser.parse("/history 5")).isEqualTo(new UiCommand.History(5));
    assertThat(CommandParser.parse("/fingerprint")).isEqualTo(new UiCommand.Fingerprint());
    assertThat(CommandParser.parse("/trust")).isEqualTo(new UiCommand.Trust());
    assertThat(CommandParser.parse("/verify")).isEqualTo(new UiCommand.Verify());
    assertThat(CommandParser.parse("/chat Bob")).isEqualTo(new UiCommand.Chat(Username.of("bob")));
    assertThat(CommandParser.parse("/accept")).isEqualTo(new UiCommand.Accept(Optional.empty()));
    assertThat(CommandParser.parse("/decline carol")).isEqualTo(new UiCommand.Decline(Optional.of(Username.of("carol"))));
  }

  @Test
  void badCommandsSayWhatIsWrong() {
    assertThat(CommandParser.parse("/history 0")).isInstanceOf(UiCommand.Invalid.class);
    assertThat(CommandParser.parse("/history many")).isEqualTo(new UiCommand.Invalid("/history takes a number, not 'many'"));
    assertThat(CommandParser.parse("/history 99999")).isInstanceOf(UiCommand.Invalid.class);
    assertThat(CommandParser.parse("/chat")).isEqualTo(new UiCommand.Invalid("usage: /chat NAME"));
    assertThat(CommandParser.parse("/chat no spaces allowed")).isInstanceOf(UiCommand.Invalid.class);
    assertThat(CommandParser.parse("/quit now")).isEqualTo(new UiCommand.Invalid("this command takes no argument"));
    assertThat(CommandParser.parse("/frobnicate")).isEqualTo(new UiCommand.Invalid("unknown command /frobnicate (try /help)"));
    assertThat(CommandParser.parse("/")).isInstanceOf(UiCommand.Invalid.class);
  }
}
