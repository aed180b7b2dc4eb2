package dev.outlet.local.sam;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a template file (YAML or JSON, which YAML reads too) into plain maps, lists and scalars.
 * CloudFormation's short tags become their long forms: {@code !Ref X} → {@code {Ref: X}}, {@code
 * !GetAtt A.B} → {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} → {@code {Fn::Sub: s}}, and every
 * other {@code !Name v} → {@code {Fn::Name: v}}. Stateless.
 */
final class TemplateYaml {
  private static final List<String> FUNCTIONS =
      List.of(
          "Sub",
          "GetAtt",
          "Join",
          "Select",
          "Split",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "FindInMap",
          "Base64",
          "Cidr",
          "ImportValue",
          "GetAZs",
          "Transform",
          "ToJsonString",
          "Length");

  private TemplateYaml() {}

  static Object load(Path file) throws IOException, TemplateException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(8 * 1024 * 1024);
    Yaml yaml =
        new Yaml(
            new Constructor(options),
            new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return yaml.load(r);
    } catch (MarkedYAMLException e) {
      throw new TemplateException(
          file.getFileName()
              + ": not valid YAML or JSON: "
              + e.getProblem()
              + " "
              + e.getProblemMark());
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new TemplateException(
          file.getFileName() + ": not valid YAML or JSON: " + e.getMessage());
    }
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new Wrapped("Ref", false));
      yamlConstructors.put(new Tag("!Condition"), new Wrapped("Condition", false));
      yamlConstructors.put(new Tag("!GetAtt"), new Wrapped("Fn::GetAtt", true));
      for (String f : FUNCTIONS) {
        if (!f.equals("GetAtt")) {
          yamlConstructors.put(new Tag("!" + f), new Wrapped("Fn::" + f, false));
        }
      }
    }

    private final class Wrapped extends AbstractConstruct {
      private final String key;
      private final boolean dotted;

      Wrapped(String key, boolean dotted) {
        this.key = key;
        this.dotted = dotted;
      }

      @Override
      public Object construct(Node node) {
        Object value =
            switch (node) {
              case ScalarNode s -> {
                String text = constructScalar(s);
                if (dotted) {
                  int dot = text.indexOf('.');
                  yield dot < 0
                      ? List.of(text)
                      : Arrays.asList(text.substring(0, dot), text.substring(dot + 1));
                }
                yield text;
              }
              case SequenceNode q -> new ArrayList<>(constructSequence(q));
              case MappingNode m -> new LinkedHashMap<>(constructMapping(m));
              default -> null;
            };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
      }
    }
  }
}
