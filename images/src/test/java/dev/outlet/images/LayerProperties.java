package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.FileTrees;
import dev.outlet.edge.testkit.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Layers a hostile image could hold: generated entries (names with {@code ..}, absolute paths,
 * whiteouts, links anywhere) and mutated tar bytes. Each image unpacks or is an {@link
 * ImageException}, and afterwards nothing exists or changed outside the target directory.
 */
class LayerProperties {
  private static final List<String> SEGMENTS =
      List.of("a", "b", "lnk", "..", ".", "", ".wh.a", ".wh.lnk", ".wh..wh..opq", ".wh.", "x y");

  private record Op(int kind, String name, String target) {}

  @Provide
  Arbitrary<List<List<Op>>> layers() {
    Arbitrary<String> path =
        Arbitraries.of(SEGMENTS)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(s -> String.join("/", s))
            .flatMap(p -> Arbitraries.of(p, "/" + p, "./" + p, p + "/", "OUTSIDE/" + p, "OUTSIDE"));
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.integers().between(0, 5), path, path).as(Op::new);
    return op.list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(3);
  }

  private static TestLayer layer(List<Op> ops, Path outside) {
    TestLayer layer = TestLayer.of();
    for (Op op : ops) {
      String target = op.target().replace("OUTSIDE", outside.toString());
      String name = op.name().replace("OUTSIDE", "../outside");
      switch (op.kind()) {
        case 0 -> layer.file(name.replaceAll("/+$", ""), "owned", 0755);
        case 1 -> layer.dir(name, 0700);
        case 2 -> layer.symlink(name, target);
        case 3 -> layer.hardlink(name, target);
        case 4 -> layer.file(name.isEmpty() ? ".wh.a" : name + "/.wh..wh..opq", "", 0644);
        default -> layer.fifo(name);
      }
    }
    return layer;
  }

  @Property(tries = 400)
  void generatedLayersUnpackOrAreRefusedAndNeverLeaveTheRoot(@ForAll("layers") List<List<Op>> ops)
      throws IOException {
    Path box = box();
    try {
      List<byte[]> tars = ops.stream().map(o -> layer(o, box.resolve("outside")).tar()).toList();
      unpackOrRefuse(box, tars);
    } finally {
      FileTrees.delete(box);
    }
  }

  @Provide
  Arbitrary<byte[]> tars() {
    Path outside = Path.of("/nonexistent/outside");
    return Fuzz.mutationsOf(
        List.of(
            RootfsStoreTest.threeLayers().get(0).tar(),
            RootfsStoreTest.threeLayers().get(2).tar(),
            TestLayer.of()
                .symlink("lnk", outside.toString())
                .hardlink("h", "a")
                .file("a", "a", 0755)
                .bytes(TestLayer.Compression.GZIP),
            layer(List.of(new Op(0, "a/b", "")), outside).bytes(TestLayer.Compression.ZSTD)));
  }

  @Property(tries = 400)
  void mutatedTarsUnpackOrAreRefusedAndNeverLeaveTheRoot(@ForAll("tars") byte[] tar)
      throws IOException {
    Path box = box();
    try {
      unpackOrRefuse(box, List.of(RootfsStoreTest.threeLayers().get(0).tar(), tar));
    } finally {
      FileTrees.delete(box);
    }
  }

  private static Path box() throws IOException {
    Path box = Files.createTempDirectory("layer-props");
    Files.createDirectory(box.resolve("root"));
    Files.createDirectory(box.resolve("outside"));
    Files.writeString(box.resolve("outside/keep"), "keep");
    return box;
  }

  /** Unpacks {@code tars} as layers into box/root; checks box/outside is as it was. */
  private static void unpackOrRefuse(Path box, List<byte[]> tars) throws IOException {
    List<Descriptor> layers =
        tars.stream()
            .map(
                t ->
                    new Descriptor(
                        TestLayer.Compression.NONE.mediaType,
                        Digest.sha256(t),
                        t.length,
                        Optional.empty()))
            .toList();
    BlobSource blobs =
        digest ->
            new ByteArrayInputStream(
                tars.stream().filter(t -> Digest.sha256(t).equals(digest)).findFirst().get());
    Image image =
        new Image(
            Digest.sha256(new byte[0]),
            new ImageManifest(MediaTypes.OCI_MANIFEST, layers.getFirst(), layers),
            ImageJson.config("{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes()));
    Fuzz.run(
        tars,
        () -> {
          RootfsBuilder.build(box.resolve("root"), image, blobs, 4 << 20);
          return true;
        },
        ImageException.class);
    try (Stream<Path> all = Files.list(box)) {
      assertThat(all.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("outside", "root");
    }
    try (Stream<Path> all = Files.list(box.resolve("outside"))) {
      assertThat(all.toList()).containsExactly(box.resolve("outside/keep"));
    }
    assertThat(box.resolve("outside/keep")).hasContent("keep");
  }
}
