package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {
  @Test
  void readsAStatementObjectAndAStatementArrayAlike() {
    PolicyDocument single =
        Docs.identity(
            "{'Version':'2012-10-17','Id':'p1','Statement':"
                + "{'Sid':'One','Effect':'Allow','Action':'lambda:InvokeFunction','Resource':'*'}}");
    PolicyDocument array =
        Docs.identity(
            "{'Version':'2012-10-17','Id':'p1','Statement':["
                + "{'Sid':'One','Effect':'Allow','Action':['lambda:InvokeFunction'],'Resource':['*']}]}");

    assertThat(single).isEqualTo(array);
    assertThat(single.id()).contains("p1");
    assertThat(single.statements())
        .singleElement()
        .satisfies(
            statement -> {
              assertThat(statement.sid()).contains("One");
              assertThat(statement.effect()).isEqualTo(Effect.ALLOW);
              assertThat(statement.actions())
                  .isEqualTo(new Element(List.of("lambda:InvokeFunction"), false));
              assertThat(statement.resources()).isEqualTo(new Element(List.of("*"), false));
              assertThat(statement.principals()).isEmpty();
            });
  }

  @Test
  void assumesVersion2008WhenNoneIsWritten() {
    PolicyDocument document =
        Docs.identity("{'Statement':{'Effect':'Deny','NotAction':'iam:*','NotResource':'*'}}");

    assertThat(document.version()).isEqualTo("2008-10-17");
    assertThat(document.replacesVariables()).isFalse();
    assertThat(document.statements().get(0).actions().negated()).isTrue();
    assertThat(document.statements().get(0).resources().negated()).isTrue();
  }

  @Test
  void readsConditionsIntoOneEntryPerKeyWithScalarValuesAsText() {
    PolicyDocument document =
        Docs.allow(
            "'Action':'*','Resource':'*','Condition':{"
                + "'ForAnyValue:StringLikeIfExists':{'aws:TagKeys':['team*','env'],'aws:x':'y'},"
                + "'NumericLessThan':{'s3:max-keys':10},'Bool':{'aws:SecureTransport':true}}");

    List<Condition> conditions = document.statements().get(0).conditions();

    assertThat(conditions).hasSize(4);
    assertThat(conditions.get(0).operator())
        .isEqualTo(
            new ConditionOperator(
                ConditionOperator.Base.STRING_LIKE,
                ConditionOperator.SetQualifier.FOR_ANY_VALUE,
                true));
    assertThat(conditions.get(0).operator().awsName()).isEqualTo("ForAnyValue:StringLikeIfExists");
    assertThat(conditions.get(0).values()).containsExactly("team*", "env");
    assertThat(conditions.get(2).values()).containsExactly("10");
    assertThat(conditions.get(3).values()).containsExactly("true");
  }

  @Test
  void readsPrincipalsOfEveryType() {
    PolicyDocument document =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Principal':'*','Action':'lambda:*'},"
                + "{'Effect':'Allow','Principal':{'AWS':['123456789012','arn:aws:iam::1:root'],"
                + "'Service':'events.amazonaws.com'},'Action':'lambda:*'},"
                + "{'Effect':'Deny','NotPrincipal':{'Federated':'cognito-identity.amazonaws.com'},"
                + "'Action':'lambda:*','Resource':'*'}]}");

    assertThat(document.statements().get(0).principals())
        .contains(new Principals(false, true, Map.of()));
    assertThat(document.statements().get(1).principals().orElseThrow().of("AWS"))
        .containsExactly("123456789012", "arn:aws:iam::1:root");
    assertThat(document.statements().get(1).principals().orElseThrow().of("Service"))
        .containsExactly("events.amazonaws.com");
    assertThat(document.statements().get(2).principals().orElseThrow().negated()).isTrue();
    assertThat(document.statements().get(0).resources()).isEqualTo(Element.ANY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json                            | {                                          | Syntax errors in policy.",
        "not an object                       | ['Statement']                              | Syntax errors in policy.",
        "trailing tokens                     | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*'}} {} | Syntax errors in policy.",
        "duplicate keys                      | {'Statement':{'Effect':'Allow','Effect':'Deny','Action':'*','Resource':'*'}} | Syntax errors in policy.",
        "unknown top-level key               | {'Statment':[]}                            | Syntax errors in policy.",
        "no statement                        | {'Version':'2012-10-17'}                   | Syntax errors in policy.",
        "empty statement array               | {'Statement':[]}                           | Syntax errors in policy.",
        "statement not an object             | {'Statement':['x']}                        | Syntax errors in policy.",
        "unknown statement key               | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Actions':'*'}} | Syntax errors in policy.",
        "bad version                         | {'Version':'2012-10-18','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}} | The policy must contain a valid version string",
        "missing effect                      | {'Statement':{'Action':'*','Resource':'*'}} | Missing required field Effect",
        "lower-case effect                   | {'Statement':{'Effect':'allow','Action':'*','Resource':'*'}} | Invalid effect: allow",
        "principal in identity policy        | {'Statement':{'Effect':'Allow','Principal':'*','Action':'*','Resource':'*'}} | Policy document should not specify a principal.",
        "not-principal in identity policy    | {'Statement':{'Effect':'Allow','NotPrincipal':'*','Action':'*','Resource':'*'}} | Policy document should not specify a principal.",
        "both Action and NotAction           | {'Statement':{'Effect':'Allow','Action':'*','NotAction':'iam:*','Resource':'*'}} | Syntax errors in policy.",
        "both Resource and NotResource       | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','NotResource':'*'}} | Syntax errors in policy.",
        "no action                           | {'Statement':{'Effect':'Allow','Resource':'*'}} | Policy statement must contain actions.",
        "empty action list                   | {'Statement':{'Effect':'Allow','Action':[],'Resource':'*'}} | Policy statement must contain actions.",
        "no resource                         | {'Statement':{'Effect':'Allow','Action':'*'}} | Policy statement must contain resources.",
        "action without vendor               | {'Statement':{'Effect':'Allow','Action':'InvokeFunction','Resource':'*'}} | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
        "action of wrong type                | {'Statement':{'Effect':'Allow','Action':{'a':'b'},'Resource':'*'}} | Syntax errors in policy.",
        "resource not an ARN                 | {'Statement':{'Effect':'Allow','Action':'*','Resource':'orders'}} | `Resource orders must be in ARN format or \"*\".`",
        "unknown condition operator          | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEqualz':{'aws:x':'y'}}}} | Invalid Condition type : StringEqualz.",
        "two set qualifiers                  | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'ForAnyValue:ForAllValues:StringEquals':{'aws:x':'y'}}}} | Invalid Condition type : ForAnyValue:ForAllValues:StringEquals.",
        "Null with IfExists                  | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'NullIfExists':{'aws:x':'true'}}}} | Invalid Condition type : NullIfExists.",
        "condition key without vendor        | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'x':'y'}}}} | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
        "condition value an object           | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'aws:x':{'y':1}}}}} | Syntax errors in policy.",
        "condition block not an object       | {'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':'x'}} | Syntax errors in policy.",
        "sid with a dash                     | {'Statement':{'Sid':'a-b','Effect':'Allow','Action':'*','Resource':'*'}} | Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
        "duplicate sid                       | {'Statement':[{'Sid':'A','Effect':'Allow','Action':'*','Resource':'*'},{'Sid':'A','Effect':'Deny','Action':'*','Resource':'*'}]} | Statement IDs (SID) in a single policy must be unique.",
      })
  void refusesWhatIamRefusesWithItsMessage(String why, String json, String message) {
    assertThatThrownBy(() -> Docs.identity(json))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MalformedPolicyDocument");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "no principal             | {'Statement':{'Effect':'Allow','Action':'*'}}                                | Missing required field Principal",
        "both principals          | {'Statement':{'Effect':'Allow','Principal':'*','NotPrincipal':'*','Action':'*'}} | Syntax errors in policy.",
        "principal not star       | {'Statement':{'Effect':'Allow','Principal':'alice','Action':'*'}}             | Invalid principal in policy",
        "unknown principal type   | {'Statement':{'Effect':'Allow','Principal':{'User':'alice'},'Action':'*'}}    | Invalid principal in policy",
        "empty principal          | {'Statement':{'Effect':'Allow','Principal':{},'Action':'*'}}                  | Invalid principal in policy",
      })
  void refusesResourcePoliciesWithoutAProperPrincipal(String why, String json, String message) {
    assertThatThrownBy(() -> Docs.resource(json))
        .isInstanceOf(PolicyException.class)
        .hasMessage(message);
  }

  @Test
  void resourcePoliciesAcceptSidsLambdaWrites() {
    PolicyDocument document =
        Docs.resource(
            "{'Statement':{'Sid':'lambda-invoke-1','Effect':'Allow','Principal':'*','Action':'lambda:*'}}");

    assertThat(document.statements().get(0).sid()).contains("lambda-invoke-1");
  }

  @Test
  void refusesDocumentsOverTheSizeQuotaCountingOnlyNonWhitespace() {
    String actions = "\"lambda:GetFunction\",".repeat(520);
    String tooLarge =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":["
            + actions
            + "\"lambda:InvokeFunction\"],\"Resource\":\"*\"}}";
    String padded =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\","
            + " ".repeat(20_000)
            + "\"Resource\":\"*\"}}";

    assertThat(tooLarge.length()).isGreaterThan(10_240);
    assertThatThrownBy(() -> PolicyDocument.parse(tooLarge, PolicyKind.IDENTITY))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.code()).isEqualTo("LimitExceeded");
              assertThat(e.getMessage()).isEqualTo("Cannot exceed quota for PolicySize: 10240");
            });
    assertThat(PolicyDocument.parse(padded, PolicyKind.IDENTITY).statements()).hasSize(1);
  }

  @Test
  void refusesNullAndDeepNestingAsSyntaxErrors() {
    assertThatThrownBy(() -> PolicyDocument.parse(null, PolicyKind.IDENTITY))
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> PolicyDocument.parse("[".repeat(5_000), PolicyKind.IDENTITY))
        .isInstanceOf(PolicyException.class)
        .hasMessage("Syntax errors in policy.");
    assertThatThrownBy(() -> PolicyDocument.parse("", PolicyKind.IDENTITY))
        .isInstanceOf(PolicyException.class);
  }
}
