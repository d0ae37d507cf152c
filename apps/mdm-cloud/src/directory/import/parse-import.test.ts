import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseImport } from './parse-import';

const HEADER = 'userPrincipalName,displayName,email,onPremisesSamAccountName,onPremisesDistinguishedName,groups';

describe('parseCsv', () => {
  it('ok/quotes, escaped quotes, commas and line breaks inside quotes keep their line numbers', () => {
    const sut = parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n\nlast,row');
    expect(sut).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('ok/a UTF-8 BOM from Excel is dropped', () => {
    expect(parseCsv('\ufeffa,b\n1,2')[0]!.fields).toEqual(['a', 'b']);
  });

  it('fail/an unterminated quote names its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/line 2/);
  });
});

describe('parseImport csv', () => {
  it('ok/users with groups split on semicolons and empty optional fields as null', () => {
    const sut = parseImport('csv', `${HEADER}\nada@contoso.test,Ada Lovelace,ada@contoso.test,alovelace,"CN=Ada Lovelace,OU=Eng,DC=contoso,DC=test",Engineering; All staff\nbob@contoso.test,Bob,,,,\n`);
    expect(sut.errors).toEqual([]);
    expect(sut.users).toEqual([
      {
        location: 'line 2',
        userPrincipalName: 'ada@contoso.test',
        displayName: 'Ada Lovelace',
        email: 'ada@contoso.test',
        onPremisesSamAccountName: 'alovelace',
        onPremisesDistinguishedName: 'CN=Ada Lovelace,OU=Eng,DC=contoso,DC=test',
        groups: ['Engineering', 'All staff'],
      },
      { location: 'line 3', userPrincipalName: 'bob@contoso.test', displayName: 'Bob', email: null, onPremisesSamAccountName: null, onPremisesDistinguishedName: null, groups: [] },
    ]);
  });

  it('ok/only the required columns, in any order', () => {
    const sut = parseImport('csv', 'displayName,userPrincipalName\nCarol,carol@contoso.test');
    expect(sut.errors).toEqual([]);
    expect(sut.users[0]).toMatchObject({ userPrincipalName: 'carol@contoso.test', displayName: 'Carol' });
  });

  it('fail/every bad row is reported with its line number', () => {
    const sut = parseImport('csv', `${HEADER}\nnot-a-upn,X,,,,\nok@contoso.test,,,,,\nmail@contoso.test,M,not-an-email,,,\nshort@contoso.test,S\nok2@contoso.test,Dup,,,,\nOK2@contoso.test,Dup again,,,,`);
    expect(sut.errors.map((e) => e.location)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 7']);
    expect(sut.errors[0]!.message).toMatch(/userPrincipalName: a user principal name looks like/);
    expect(sut.errors[1]!.message).toMatch(/displayName: a display name is required/);
    expect(sut.errors[2]!.message).toMatch(/email: not an email address/);
    expect(sut.errors[3]!.message).toBe('expected 6 fields, found 2');
    expect(sut.errors[4]!.message).toBe('user OK2@contoso.test is already listed at line 6');
    expect(sut.users).toHaveLength(1);
  });

  it('fail/unknown or missing columns are named', () => {
    expect(parseImport('csv', 'upn,name\nx,y').errors).toEqual([
      { location: 'line 1', message: expect.stringMatching(/^missing column userPrincipalName, displayName; unknown column upn, name/) },
    ]);
  });
});

describe('parseImport json', () => {
  it('ok/users and nested groups', () => {
    const sut = parseImport(
      'json',
      JSON.stringify({
        groups: [{ name: 'All staff', description: 'Everyone', memberGroups: ['Engineering'] }, { name: 'Engineering' }],
        users: [{ userPrincipalName: 'ada@contoso.test', displayName: 'Ada', groups: ['Engineering'] }],
      }),
    );
    expect(sut.errors).toEqual([]);
    expect(sut.groups).toEqual([
      { location: 'groups[0]', name: 'All staff', description: 'Everyone', memberGroups: ['Engineering'] },
      { location: 'groups[1]', name: 'Engineering', description: undefined, memberGroups: [] },
    ]);
    expect(sut.users[0]).toMatchObject({ location: 'users[0]', groups: ['Engineering'] });
  });

  it.each([
    ['fail/not JSON', '{users: [}', /^not valid JSON/],
    ['fail/not the expected shape', '[1,2]', /expected an object with "users"/],
    ['fail/unknown top-level key', '{"people": []}', /expected an object/],
  ])('%s', (_n, content, message) => {
    expect(parseImport('json', content).errors[0]!.message).toMatch(message);
  });

  it('fail/bad entries name their index', () => {
    const sut = parseImport('json', JSON.stringify({ users: [{ displayName: 'No UPN' }], groups: [{ name: '' }, { name: 'A' }, { name: 'a' }] }));
    expect(sut.errors.map((e) => e.location)).toEqual(['groups[0]', 'users[0]', 'groups[2]']);
  });
});
