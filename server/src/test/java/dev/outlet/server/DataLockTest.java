package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLockTest {
  @TempDir Path data;

  @Test
  void aFolderIsHeldByOneTakerAtATimeAndNamesItsPid() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (DataLock held = DataLock.take(data)) {
      assertThat(Files.readString(data.resolve(DataLock.FILE)).strip())
          .isEqualTo(Long.toString(pid));
      assertThatThrownBy(() -> DataLock.take(data))
          .isInstanceOf(DataLock.Held.class)
          .hasMessage(
              "another Outlet (pid "
                  + pid
                  + ") is using "
                  + data
                  + "; stop it first, or give this one another --data-dir");
    }
    try (DataLock again = DataLock.take(data)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aLockFileWithoutAPidStillRefusesClearly() throws Exception {
    try (DataLock held = DataLock.take(data)) {
      Files.writeString(data.resolve(DataLock.FILE), "garbage\n");
      assertThatThrownBy(() -> DataLock.take(data))
          .hasMessageStartingWith("another Outlet (a process)");
    }
  }
}
