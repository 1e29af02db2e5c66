using System;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>The enumerations of docs.usedatabrain.com/api-reference/update-datamart, and their spelling on the wire.</summary>
    public static class DatamartVocabulary
    {
        public const string Table = "TABLE";
        public const string Database = "DATABASE";
        public const string MultiDatabase = "MULTI_DATABASE";

        public static IReadOnlyList<string> TenancyLevels { get; } = new[] { Table, Database, MultiDatabase };

        public static IReadOnlyList<string> ClientColumnTypes { get; } = new[] { "NUMBER", "STRING" };

        public static IReadOnlyList<string> Cardinalities { get; } = new[] { "ManyToMany", "ManyToOne", "OneToMany", "OneToOne" };

        public static IReadOnlyList<string> JoinTypes { get; } = new[] { "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN" };

        /// <summary>"left join" and "LEFT" both mean "LEFT JOIN".</summary>
        public static string? MatchJoin(string value)
        {
            var trimmed = string.Join(" ", value.Split(new[] { ' ', '\t', '_' }, StringSplitOptions.RemoveEmptyEntries));
            return JoinTypes.FirstOrDefault(j => string.Equals(j, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(j, trimmed + " JOIN", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// The one place the datamart shapes are mapped into each other: list response to model (Get-Datamart),
    /// model to request body (Get-Datamart | Update-Datamart, and backups), and request body to model (the
    /// result an update is expected to have, for the -WhatIf diff).
    /// </summary>
    public static class DatamartMapping
    {
        internal static Datamart FromList(DatamartListItem item) => new()
        {
            Name = item.Name ?? string.Empty,
            DatasourceName = item.CompanyIntegration?.Name,
            Tenancy = TenancyFromList(item.DatamartOrganization),
            Tables = (item.DatamartTables ?? new List<ListTable?>()).Where(t => t is not null).Select(t => new DatamartTable
            {
                Name = t!.TableName ?? string.Empty,
                SchemaName = Blank(t.SchemaName),
                Label = Blank(t.Label),
                ClientColumn = Blank(t.ClientColumn),
                IsHide = t.IsHide ?? false,
                IndexPattern = Blank(t.IndexPattern),
                Columns = (t.DatamartTableColumns ?? new List<ListColumn?>()).Where(c => c is not null).Select(c => new DatamartColumn
                {
                    Name = c!.ColumnName ?? string.Empty,
                    Datatype = Blank(c.Datatype),
                    Alias = Blank(c.Alias),
                    Label = Blank(c.Label),
                    IsHide = c.IsHide ?? false,
                    IsCustomColumn = c.IsCustomColumn ?? false,

                    // Only a custom column has an expression; anything else there would not survive an update.
                    Sql = c.IsCustomColumn == true ? Blank(c.Sql) : null,
                    IsAggregate = c.IsAggregate ?? false,
                    IsApplyTimezone = c.IsApplyTimezone ?? false,
                }).ToList(),
            }).ToList(),
            Relationships = (item.DatamartRelationships ?? new List<ListRelationship?>()).Where(r => r is not null).Select(r => new DatamartRelationship
            {
                ParentTableName = r!.ParentTableName ?? string.Empty,
                ParentColumnName = r.ParentColumnName ?? string.Empty,
                ChildTableName = r.ChildTableName ?? string.Empty,
                ChildColumnName = r.ChildColumnName ?? string.Empty,
                RelationshipName = r.RelationshipName ?? string.Empty,
                Cardinality = Blank(r.Cardinality),
                JoinType = Blank(r.Join),
            }).ToList(),
        };

        /// <summary>The whole current definition as an update body: what a backup holds and a restore sends.</summary>
        public static DatamartUpdateBody ToUpdateBody(Datamart datamart) => new()
        {
            DatamartName = datamart.Name,
            TableList = datamart.Tables.Select(ToBody).ToList(),
            TenancySettings = ToBody(datamart.Tenancy),
            Relationships = datamart.Relationships.Select(ToBody).ToList(),
        };

        public static TableBody ToBody(DatamartTable table) => new()
        {
            Name = table.Name,
            SchemaName = Blank(table.SchemaName),
            ClientColumn = Blank(table.ClientColumn),
            IsHide = table.IsHide,
            Label = Blank(table.Label),
            IndexPattern = Blank(table.IndexPattern),
            Columns = (table.Columns ?? new List<DatamartColumn>()).Where(c => c is not null).Select(ToBody).ToList(),
        };

        public static ColumnBody ToBody(DatamartColumn column) => new()
        {
            Name = column.Name,
            Alias = Blank(column.Alias),
            Label = Blank(column.Label),
            IsHide = column.IsHide,
            IsCustomColumn = column.IsCustomColumn,
            Sql = Blank(column.Sql),
            IsAggregate = column.IsAggregate,
            IsApplyTimezone = column.IsApplyTimezone,
        };

        /// <summary>Every field that is set; the rules then say which ones the tenancy level allows.</summary>
        public static TenancyBody? ToBody(DatamartTenancy? tenancy) => tenancy is null ? null : new TenancyBody
        {
            TenancyLevel = Blank(tenancy.TenancyLevel),
            ClientColumnType = Blank(tenancy.ClientColumnType),
            SchemaName = Blank(tenancy.SchemaName),
            TableName = Blank(tenancy.TableName),
            TableClientNameColumn = Blank(tenancy.TableClientNameColumn),
            TablePrimaryKeyColumn = Blank(tenancy.TablePrimaryKeyColumn),
            PrimaryDatabase = Blank(tenancy.PrimaryDatabase),
        };

        public static RelationshipBody ToBody(DatamartRelationship relationship) => new()
        {
            ParentTableName = relationship.ParentTableName,
            ParentColumnName = relationship.ParentColumnName,
            ChildTableName = relationship.ChildTableName,
            ChildColumnName = relationship.ChildColumnName,
            RelationshipName = relationship.RelationshipName,
            Cardinality = Blank(relationship.Cardinality),
            Join = Blank(relationship.JoinType),
        };

        public static DatamartTable ToModel(TableBody table) => new()
        {
            Name = table.Name,
            SchemaName = Blank(table.SchemaName),
            Label = Blank(table.Label),
            ClientColumn = Blank(table.ClientColumn),
            IsHide = table.IsHide ?? false,
            IndexPattern = Blank(table.IndexPattern),
            Columns = table.Columns.Select(ToModel).ToList(),
        };

        public static DatamartColumn ToModel(ColumnBody column) => new()
        {
            Name = column.Name,
            Alias = Blank(column.Alias),
            Label = Blank(column.Label),
            IsHide = column.IsHide ?? false,
            IsCustomColumn = column.IsCustomColumn ?? false,
            Sql = Blank(column.Sql),
            IsAggregate = column.IsAggregate ?? false,
            IsApplyTimezone = column.IsApplyTimezone ?? false,
        };

        public static DatamartTenancy? ToModel(TenancyBody? tenancy) => tenancy is null ? null : new DatamartTenancy
        {
            TenancyLevel = tenancy.TenancyLevel,
            ClientColumnType = tenancy.ClientColumnType,
            SchemaName = tenancy.SchemaName,
            TableName = tenancy.TableName,
            TableClientNameColumn = tenancy.TableClientNameColumn,
            TablePrimaryKeyColumn = tenancy.TablePrimaryKeyColumn,
            PrimaryDatabase = tenancy.PrimaryDatabase,
        };

        public static DatamartRelationship ToModel(RelationshipBody relationship) => new()
        {
            ParentTableName = relationship.ParentTableName,
            ParentColumnName = relationship.ParentColumnName,
            ChildTableName = relationship.ChildTableName,
            ChildColumnName = relationship.ChildColumnName,
            RelationshipName = relationship.RelationshipName,
            Cardinality = relationship.Cardinality,
            JoinType = relationship.Join,
        };

        /// <summary>One flat row per column, for Export-Csv and Update-Datamart -ColumnsPath.</summary>
        public static IEnumerable<DatamartColumnRow> ToColumnRows(Datamart datamart) =>
            datamart.Tables.SelectMany(table => table.Columns.Select(column => new DatamartColumnRow
            {
                DatamartName = datamart.Name,
                SchemaName = table.SchemaName,
                TableName = table.Name,
                TableLabel = table.Label,
                TableClientColumn = table.ClientColumn,
                TableIsHide = table.IsHide,
                IndexPattern = table.IndexPattern,
                ColumnName = column.Name,
                Datatype = column.Datatype,
                Alias = column.Alias,
                Label = column.Label,
                IsHide = column.IsHide,
                IsCustomColumn = column.IsCustomColumn,
                Sql = column.Sql,
                IsAggregate = column.IsAggregate,
                IsApplyTimezone = column.IsApplyTimezone,
            }));

        /// <summary>
        /// The list's datamartOrganization holds every tenancy field, most of them null for a given level; only the
        /// ones the level uses are kept, so that a definition read from the list passes the rules when sent back.
        /// </summary>
        private static DatamartTenancy? TenancyFromList(TenancyBody? organization)
        {
            if (organization is null)
            {
                return null;
            }

            var level = Blank(organization.TenancyLevel);
            var table = level == DatamartVocabulary.Table;
            var database = level is DatamartVocabulary.Database or DatamartVocabulary.MultiDatabase;
            var tenancy = new DatamartTenancy
            {
                TenancyLevel = level,
                ClientColumnType = database ? null : Blank(organization.ClientColumnType),
                SchemaName = database ? null : Blank(organization.SchemaName),
                TableName = database ? null : Blank(organization.TableName),
                TableClientNameColumn = database ? null : Blank(organization.TableClientNameColumn),
                TablePrimaryKeyColumn = database ? null : Blank(organization.TablePrimaryKeyColumn),
                PrimaryDatabase = table ? null : Blank(organization.PrimaryDatabase),
            };
            return level is null && tenancy.ClientColumnType is null && tenancy.SchemaName is null && tenancy.TableName is null
                && tenancy.TableClientNameColumn is null && tenancy.TablePrimaryKeyColumn is null && tenancy.PrimaryDatabase is null
                ? null
                : tenancy;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
